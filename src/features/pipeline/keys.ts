// The keys of an opportunity's checklist, information and impact sections: the contract's
// schemas are built over them, and the editor lists them. Apart from the contract so the
// screens import them without zod (the contract's schemas are the main process's and the
// tests' business; the renderer only needs these lists).
export const CHECKLIST_KEYS = ['budget', 'fit', 'canWin', 'worth', 'strength', 'near', 'money', 'authority', 'need'] as const;
export const INFO_KEYS = ['schedule', 'budget', 'requirement', 'decision', 'competition', 'evaluation'] as const;
export const IMPACT_KEYS = ['personal', 'interpersonal', 'present', 'future'] as const;
