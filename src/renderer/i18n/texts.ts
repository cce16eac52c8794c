/**
 * The shape of one language's texts with every text a string: the other language's texts
 * must have exactly these keys (each area's messages check both ways with `satisfies`), so a
 * text missing in one language fails the type check instead of showing its key on screen.
 */
export type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
