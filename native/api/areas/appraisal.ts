import { can, guarded, guardedAsync } from '../../auth/authorize.js';
import type { Session } from '../../auth/types.js';
import {
  approveRound, declassify, destroyRound, listDeclassificationDue, listDue, listRegisters, listRounds, propose, readRegister, readRound, vote,
  type DeclassifyInput, type DestructionRegister, type DueClassified, type DueRecord, type ProposeInput, type Round,
} from '../../appraisal/index.js';
import { printDestructionRegister } from '../../print/index.js';
import { Area, type JobCallOptions } from '../area.js';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Appraisal and disposal (鉴定销毁) and declassification (解密): what is due, rounds of
 * proposals voted by the 鉴定小组 and approved by the security officer, destruction with its
 * register (a job), and the security officer's declassification review.
 */
export class AppraisalArea extends Area {
  /** Reading rounds and registers: the 鉴定小组's (appraise) or the approver's (approve_appraisal). */
  private readAction(session: Session): 'appraise' | 'approve_appraisal' {
    return can(this.op(session), 'appraise').allowed ? 'appraise' : 'approve_appraisal';
  }

  due(session: Session, asOf: string = today()): DueRecord[] {
    return listDue(this.op(session), asOf);
  }

  propose(session: Session, input: ProposeInput): { roundId: number; proposalId: number } {
    return propose(this.op(session), input);
  }

  vote(session: Session, roundId: number, choice: 'agree' | 'disagree', comment = '', proposalIds?: number[]): Round {
    return vote(this.op(session), roundId, choice, comment, proposalIds);
  }

  approve(session: Session, roundId: number, basis: string): Round {
    return approveRound(this.op(session), roundId, basis);
  }

  round(session: Session, roundId: number): Round {
    const op = this.op(session);
    return guarded(op, this.readAction(session), { type: 'appraisal_round', id: roundId }, () => readRound(op.db, roundId));
  }

  rounds(session: Session): ReturnType<typeof listRounds> {
    const op = this.op(session);
    return guarded(op, this.readAction(session), { type: 'appraisal_round', id: null }, () => listRounds(op.db));
  }

  /** Carries out a round's approved destructions (a job): the register first, then the objects go. */
  destroy(session: Session, roundId: number, options: JobCallOptions = {}): Promise<DestructionRegister> {
    const op = this.op(session);
    return this.host.jobManager.run('destroy', (job) => destroyRound(op, this.vault, roundId, (done, total) => job.report({ done, total, message: 'objects' }), job.signal),
      { ...this.jobOptions(options), params: { roundId } });
  }

  register(session: Session, registerId: number): DestructionRegister {
    const op = this.op(session);
    return guarded(op, this.readAction(session), { type: 'destruction_register', id: registerId }, () => readRegister(op.db, registerId));
  }

  registers(session: Session): ReturnType<typeof listRegisters> {
    const op = this.op(session);
    return guarded(op, this.readAction(session), { type: 'destruction_register', id: null }, () => listRegisters(op.db));
  }

  /** 销毁清册 as PDF, with the voters, the approver and the executor and their signature lines. */
  printRegister(session: Session, registerId: number, out: string, unitName?: string): Promise<{ path: string; pages: number; bytes: number }> {
    const op = this.op(session);
    return guardedAsync(op, this.readAction(session), { type: 'destruction_register', id: registerId }, async () => {
      const r = readRegister(op.db, registerId);
      const p = await printDestructionRegister({ registerId: r.id, roundTitle: r.roundTitle, at: r.at, items: r.items, deciders: r.deciders, approver: r.approver, executedBy: r.executedBy, ...(unitName ? { unitName } : {}) }, out);
      return { path: out, ...p };
    });
  }

  declassificationDue(session: Session, asOf: string = today()): DueClassified[] {
    return listDeclassificationDue(this.op(session), asOf);
  }

  declassify(session: Session, input: DeclassifyInput): { reviewId: number; classification: string; period: string } {
    return declassify(this.op(session), input);
  }
}
