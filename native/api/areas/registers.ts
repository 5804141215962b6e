import type { Session } from '../../auth/types.js';
import { getAccessEntry, listAccessRegister, registerAccess, type AccessRegisterEntry, type AccessRegisterFilter, type AccessRegisterInput } from '../../registers/access.js';
import { checkOut, getCheckout, listCheckouts, returnCheckout, type Checkout, type CheckoutFilter, type CheckoutInput, type ReturnInput } from '../../registers/checkout.js';
import { renderHandoverList, type HandoverRenderOptions } from '../../registers/handover-html.js';
import { createHandover, getHandover, listHandovers, type HandoverInput, type HandoverList } from '../../registers/handover.js';
import { listStackEvents, sealStacks, stackStatus, unsealStacks, type StackEvent, type StackStatus } from '../../registers/stacks.js';
import { Area } from '../area.js';

/**
 * The registers the rules ask for: 利用登记, 出库/归还, 交接清单, 封库/启库. Sealing and
 * unsealing need a second person: `second` is that person's session.
 */
export class RegistersArea extends Area {
  registerAccess(session: Session, input: AccessRegisterInput): AccessRegisterEntry {
    return registerAccess(this.op(session), input);
  }

  accessEntry(session: Session, id: number): AccessRegisterEntry {
    return getAccessEntry(this.op(session), id);
  }

  accessRegister(session: Session, filter: AccessRegisterFilter = {}): AccessRegisterEntry[] {
    return listAccessRegister(this.op(session), filter);
  }

  checkOut(session: Session, input: CheckoutInput): Checkout {
    return checkOut(this.op(session), input);
  }

  returnCheckout(session: Session, id: number, input: ReturnInput): Checkout {
    return returnCheckout(this.op(session), id, input);
  }

  checkouts(session: Session, filter: CheckoutFilter = {}): Checkout[] {
    return listCheckouts(this.op(session), filter);
  }

  checkout(session: Session, id: number): Checkout {
    return getCheckout(this.op(session), id);
  }

  createHandover(session: Session, input: HandoverInput): HandoverList {
    return createHandover(this.op(session), input);
  }

  handover(session: Session, id: number): HandoverList {
    return getHandover(this.op(session), id);
  }

  /** The printable 交接清单 (HTML with both signature lines) of a list the session may read. */
  handoverHtml(session: Session, id: number, options: HandoverRenderOptions = {}): string {
    return renderHandoverList(getHandover(this.op(session), id), options);
  }

  handovers(session: Session, limit?: number): HandoverList[] {
    return listHandovers(this.op(session), limit);
  }

  seal(session: Session, second: Session | undefined, input: { stack: string; remarks?: string }): StackEvent {
    return sealStacks(this.op(session), second ? this.op(second) : undefined, input);
  }

  unseal(session: Session, second: Session | undefined, input: { stack: string; purpose: string; remarks?: string }): StackEvent {
    return unsealStacks(this.op(session), second ? this.op(second) : undefined, input);
  }

  stackStatus(session: Session, stack: string): StackStatus {
    return stackStatus(this.op(session), stack);
  }

  stackEvents(session: Session, filter: { stack?: string; limit?: number } = {}): StackEvent[] {
    return listStackEvents(this.op(session), filter);
  }
}
