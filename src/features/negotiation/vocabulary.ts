// The worksheet's fixed vocabularies: the contract's schemas are built over them and the
// screens list them. Apart from the contract so the screens import them without zod.

export const directions = ['higher', 'lower'] as const;
export type Direction = (typeof directions)[number];
export const issueKinds = ['price', 'payment', 'service', 'delivery', 'custom'] as const;
export type IssueKind = (typeof issueKinds)[number];
export const teamRoles = ['coordinator', 'decisionMaker', 'negotiator'] as const;
export type TeamRole = (typeof teamRoles)[number];
/** docs/en/negotiation.md, leaving the table (脱离谈判桌): the four reasons for a time-out. */
export const timeoutReasons = ['authority', 'cannotMeet', 'insideInfo', 'outsideNews'] as const;
export type TimeoutReason = (typeof timeoutReasons)[number];
