/** Who calls: the user name the bearer token asserts, and whether it is the bootstrap administrator. */
export interface Actor {
  readonly id: string;
  /** PLUMBLINE_ADMIN: may register projects and grant the first roles. */
  readonly isAdmin: boolean;
}
