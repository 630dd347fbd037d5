/** STAND-IN for the tokens branch's migration 7 (see ../sqlite/0007-stand-in.ts): replaced at the merge. */
export default '';
