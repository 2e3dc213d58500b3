/** The words each Organization tab uses for what it lists (the DC/OS UI's OrganizationTab columns and buttons). */
import type { OrgTab } from './org-route.ts';

export interface KindWords {
  /** One of them: "user", "group", "service account". */
  one: string;
  idHeading: string;
  descriptionHeading: string;
  newLabel: string;
  empty: string;
}

export const KIND_WORDS: Record<OrgTab, KindWords> = {
  users: {
    one: 'user',
    idHeading: 'Username',
    descriptionHeading: 'Full Name',
    newLabel: 'New User',
    empty: 'No users.',
  },
  groups: {
    one: 'group',
    idHeading: 'ID',
    descriptionHeading: 'Description',
    newLabel: 'New Group',
    empty: 'No groups yet. A group gives its permissions to every user in it.',
  },
  'service-accounts': {
    one: 'service account',
    idHeading: 'ID',
    descriptionHeading: 'Description',
    newLabel: 'New Service Account',
    empty: 'No service accounts yet. A service account is how a service, not a person, signs in: with a key pair.',
  },
};

/** Why IAM refused to list: a 403 is Admin Router's, for a user without `dcos:adminrouter:acs`. */
export function listRefusal(status: number): string {
  if (status === 403) return 'Your user may not use IAM here: that needs full on dcos:adminrouter:acs (or dcos:superuser).';
  if (status === 401) return 'Signed out: log in to see the organization.';
  return 'IAM did not answer.';
}
