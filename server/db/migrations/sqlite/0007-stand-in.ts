/**
 * STAND-IN, on the webhooks branch only: migration 7 belongs to the integration tokens branch (issue 17).
 * It is here, empty, so that the webhooks migration is version 8 on this branch as it will be once merged;
 * the merge replaces this file with the tokens branch's 0007.
 */
export default '';
