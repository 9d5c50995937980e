/** clone: a new instance from the target; replace: the instance itself goes back to the target (needs approval). */
export type RestoreMode = 'clone' | 'replace';
