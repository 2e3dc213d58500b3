/**
 * What the Secrets page says when the cluster refuses: the DC/OS UI's "Permission denied" sentences for a 403
 * (SecretsPage, SecretDetail, SecretFormModal), a sign-in hint for a 401, the store's own message otherwise.
 */
import type { SecretsProblem } from './secrets-client.ts';

export const PERMISSION_DENIED = 'Permission denied';
const CONTACT = 'Please contact your super admin to learn more.';

/** What was being done: listing, reading one, or a write. */
export type SecretsDoing = 'list' | 'see' | 'create' | 'update' | 'delete';

const FORBIDDEN: Record<SecretsDoing, string> = {
  list: "You do not have permission to list this cluster's secrets.",
  see: 'You do not have permission to see this secret.',
  create: 'You do not have permission to create this secret.',
  update: 'You do not have permission to update this secret.',
  delete: 'You do not have permission to delete this secret.',
};

export interface Refusal {
  /** A heading for a page-sized message (null: the sentence says it all). */
  title: string | null;
  text: string;
}

export function refusal(problem: SecretsProblem, doing: SecretsDoing): Refusal {
  if (problem.status === 401) return { title: 'Signed out', text: "Log in to see and change the cluster's secrets." };
  if (problem.status === 403) return { title: PERMISSION_DENIED, text: `${FORBIDDEN[doing]} ${CONTACT}` };
  if (problem.status === 404 && doing !== 'list') return { title: 'Secret not found', text: problem.message };
  return { title: null, text: problem.status > 0 ? `${problem.status}: ${problem.message}` : problem.message };
}
