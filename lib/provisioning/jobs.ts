/** Outbox job kinds of the provisioners; one job row per grant and direction, reused by manual retries. */
export const PROVISION_ACTIVATE_JOB = "provision.activate";
export const PROVISION_DEACTIVATE_JOB = "provision.deactivate";
/** An extension moved the grant's expiry: VALID UNTIL (or the webhook receiver) follows. */
export const PROVISION_EXTEND_JOB = "provision.extend";
export const PROVISIONING_JOB_KINDS = [PROVISION_ACTIVATE_JOB, PROVISION_DEACTIVATE_JOB, PROVISION_EXTEND_JOB];

/** 8 attempts with the outbox backoff span about 10 minutes; removal keeps trying for almost 3 hours. */
export const ACTIVATE_MAX_ATTEMPTS = 8;
export const DEACTIVATE_MAX_ATTEMPTS = 14;

export const activateJobKey = (requestId: string) => `${PROVISION_ACTIVATE_JOB}:${requestId}`;
export const deactivateJobKey = (requestId: string) => `${PROVISION_DEACTIVATE_JOB}:${requestId}`;
