/** Pages kept in chunks of their own, by route id: fetched (or read from the precache) the first time they open. */
import type { Component } from 'svelte';

export type PageLoader = () => Promise<{ default: Component<{ hash: string }> }>;

export const LAZY_PAGES: Readonly<Record<string, PageLoader>> = {
  networking: () => import('../pages/networking/NetworkingPage.svelte'),
  secrets: () => import('../pages/secrets/SecretsPage.svelte'),
  jobs: () => import('../pages/jobs/JobsPage.svelte'),
  catalog: () => import('../pages/catalog/CatalogPage.svelte'),
  settings: () => import('../pages/settings/SettingsPage.svelte'),
  organization: () => import('../pages/organization/OrganizationPage.svelte'),
  verify: () => import('../pages/verify/VerifyPage.svelte'),
  levels: () => import('../pages/levels/LevelsPage.svelte'),
  forks: () => import('../pages/forks/ForksPage.svelte'),
};
