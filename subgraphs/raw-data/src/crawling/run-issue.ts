/** A problem (error) or a left-out item (skip) a run recorded, with a stable code first. */
export interface RunIssue {
  code: string;
  message: string;
  url?: string;
  externalId?: string;
  detail?: string;
}
