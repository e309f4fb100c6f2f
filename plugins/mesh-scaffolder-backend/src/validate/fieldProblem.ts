/** A problem inside one object or values file: the field path and what is wrong there. */
export interface FieldProblem {
  path: string;
  message: string;
}
