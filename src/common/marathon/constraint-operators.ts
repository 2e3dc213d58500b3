/**
 * Marathon's placement constraint operators: the one list. Definition readers validate against it,
 * and the constraint kernel gives each its numeric code (src/kernels/constraints/contract.ts `Op`).
 */
export const OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS'] as const;
export type Operator = (typeof OPERATORS)[number];

export function isOperator(name: string): name is Operator {
  return (OPERATORS as readonly string[]).includes(name);
}
