/**
 * Who may use a secret (PLATFORM.md G.2, G.3): `dcos:secrets:default:/<path>` with the action (create, read, update,
 * delete; `full` covers all; a grant on an ancestor path covers the secrets below it, as everywhere in IAM), and
 * `dcos:secrets:list:default:/<prefix>` `read` to list names. Error bodies are not sourced: `{"code","message"}`
 * (inferred, docs/secrets.md).
 */
import { isAllowed, type IamAction } from '../../engine/iam/permissions.ts';
import { DEFAULT_STORE } from '../../engine/secrets/store.ts';
import type { ApiResponse } from '../types.ts';

export const secretRid = (path: string): string => `dcos:secrets:${DEFAULT_STORE}:/${path}`;
export const secretListRid = (prefix: string): string => `dcos:secrets:list:${DEFAULT_STORE}:/${prefix}`;

export const mayUse = (state: Parameters<typeof isAllowed>[0], uid: string, path: string, action: IamAction): boolean =>
  isAllowed(state, uid, secretRid(path), action);

export const mayList = (state: Parameters<typeof isAllowed>[0], uid: string, prefix: string): boolean =>
  isAllowed(state, uid, secretListRid(prefix), 'read');

export const secretsError = (status: number, code: string, message: string): ApiResponse => ({ status, body: { code, message } });
