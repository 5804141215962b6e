export { listDue, listDeclassificationDue, type DueRecord, type DueClassified } from './due.js';
export { propose, vote, approveRound, readRound, listRounds, minDeciders, PROPOSAL_ACTIONS, type ProposeInput, type Proposal, type ProposalAction, type Round, type Vote } from './rounds.js';
export { destroyRound, readRegister, listRegisters, removePendingObjects, type DestructionRegister } from './destroy.js';
export { declassify, type DeclassifyInput } from './declassify.js';
export { appraisalMessages } from './messages.js';
