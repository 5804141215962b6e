import { Alert, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DueRecord, ErrorDTO, Round } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { retentionName, useI18n, type MessageKey } from '../i18n/index.js';

type Action = Round['proposals'][number]['action'];
type RoundRow = { id: number; title: string; state: string; proposals: number; createdAt: string };

interface Draft {
  action: Action;
  newRetention: string;
  reason: string;
  loweringReason: string;
}

const EMPTY: Draft = { action: 'destroy', newRetention: 'D30', reason: '', loweringReason: '' };
const ACTION_KEYS: Record<Action, MessageKey> = { keep: 'apprActionKeep', open: 'apprActionOpen', restrict: 'apprActionRestrict', destroy: 'apprActionDestroy' };
const STATE_KEYS: Record<string, MessageKey> = { open: 'apprStateOpen', approved: 'apprStateApproved', executed: 'apprStateExecuted' };

/**
 * Appraisal (鉴定): the 鉴定小组 proposes a decision for each due record and votes; the security
 * officer (approver) approves a round with its basis; an approved round's destructions are
 * carried out with the destruction register written first. The engine enforces every rule
 * (two deciders, approver not a decider, a lowered retention needs its written reason).
 */
export function AppraisalScreen({ approver }: { approver: boolean }) {
  const { t } = useI18n();
  const [due, setDue] = useState<DueRecord[]>([]);
  const [rounds, setRounds] = useState<RoundRow[]>([]);
  const [round, setRound] = useState<Round | null>(null);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [basis, setBasis] = useState('');
  const [confirmingDestroy, setConfirmingDestroy] = useState(false);
  const [roundTitle, setRoundTitle] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const load = useCallback(async (openRound?: number) => {
    try {
      if (!approver) setDue(await call('appraisal:due', {}));
      const list = await call('appraisal:rounds', undefined);
      setRounds(list);
      if (openRound !== undefined) setRound(await call('appraisal:round', { roundId: openRound }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, [approver]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<string>, roundId?: number) => {
    setError(null);
    setNote(null);
    try {
      const text = await work();
      await load(roundId);
      setNote(text);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const draft = (id: number): Draft => drafts[id] ?? EMPTY;
  const edit = (id: number, change: Partial<Draft>) => setDrafts({ ...drafts, [id]: { ...draft(id), ...change } });
  const openRoundId = rounds.find((r) => r.state === 'open')?.id;

  const propose = (r: DueRecord) => act(async () => {
    const d = draft(r.id);
    const out = await call('appraisal:propose', {
      recordId: r.id, action: d.action, reason: d.reason.trim(),
      ...(openRoundId !== undefined ? { roundId: openRoundId } : roundTitle.trim() ? { title: roundTitle.trim() } : {}),
      ...(d.action === 'keep' ? { newRetention: d.newRetention } : {}),
      ...(d.loweringReason.trim() ? { loweringReason: d.loweringReason.trim() } : {}),
    });
    return t('apprProposed', { round: out.roundId });
  }, openRoundId);

  return (
    <Card title={t('apprTitle')}>
      <Alert type="info" showIcon title={t('apprIntro')} style={{ marginBottom: 16 }} />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {note && <Alert data-testid="appr-note" type="success" showIcon title={note} style={{ marginBottom: 16 }} closable={{ onClose: () => setNote(null) }} />}
      {!approver && (
        <Card type="inner" title={t('apprDueTitle')} style={{ marginBottom: 16 }}>
          {openRoundId === undefined && due.length > 0 && (
            <Input data-testid="appr-round-title" placeholder={t('apprRoundTitle')} value={roundTitle} onChange={(e) => setRoundTitle(e.target.value)} style={{ marginBottom: 8, maxWidth: 480 }} />
          )}
          {due.length === 0 && <Alert data-testid="appr-due-none" type="success" showIcon title={t('apprDueNone')} style={{ marginBottom: 8 }} />}
          <Table<DueRecord>
            data-testid="appr-due"
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={due}
            columns={[
              { title: t('editColCode'), dataIndex: 'archivalCode', width: 230 },
              { title: t('editColTitle'), dataIndex: 'title', ellipsis: true },
              { title: t('apprColReason'), dataIndex: 'reason', width: 120, render: (x: DueRecord['reason']) => t(x === 'retention_ended' ? 'apprReasonRetention' : 'apprReasonOpen') },
              { title: t('apprColSince'), dataIndex: 'dueSince', width: 110 },
              {
                title: t('apprAction'), width: 560,
                render: (_: unknown, r: DueRecord) => {
                  const d = draft(r.id);
                  if (r.roundId !== null) return <Tag>{t('apprColRound')} {r.roundId}</Tag>;
                  return (
                    <Space size={4} wrap>
                      <Select size="small" style={{ width: 110 }} value={d.action} onChange={(v) => edit(r.id, { action: v })} options={(Object.keys(ACTION_KEYS) as Action[]).map((a) => ({ value: a, label: t(ACTION_KEYS[a]) }))} />
                      {d.action === 'keep' && <Select size="small" style={{ width: 90 }} value={d.newRetention} onChange={(v) => edit(r.id, { newRetention: v })} options={['Y', 'D30', 'D10'].map((x) => ({ value: x, label: retentionName(t, x) }))} />}
                      <Input size="small" data-testid={`appr-reason-${r.id}`} style={{ width: 200 }} placeholder={t('apprReason')} value={d.reason} onChange={(e) => edit(r.id, { reason: e.target.value })} />
                      <Button size="small" type="primary" data-testid={`appr-propose-${r.id}`} disabled={!d.reason.trim()} onClick={() => void propose(r)}>{t('apprPropose')}</Button>
                    </Space>
                  );
                },
              },
            ]}
          />
        </Card>
      )}
      <Card type="inner" title={t('apprRoundsTitle')}>
        <Table<RoundRow>
          data-testid="appr-rounds"
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10 }}
          dataSource={rounds}
          columns={[
            { title: t('apprColRound'), dataIndex: 'id', width: 80 },
            { title: t('editColTitle'), dataIndex: 'title', ellipsis: true },
            { title: t('apprColState'), dataIndex: 'state', width: 100, render: (s: string) => <Tag>{STATE_KEYS[s] ? t(STATE_KEYS[s]) : s}</Tag> },
            { title: t('apprColProposals'), dataIndex: 'proposals', width: 80 },
            { title: '', width: 90, render: (_: unknown, r: RoundRow) => <Button size="small" data-testid={`appr-open-${r.id}`} onClick={() => void load(r.id)}>{t('apprOpen')}</Button> },
          ]}
        />
        {round && (
          <div data-testid="appr-round" style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={round.proposals}
              columns={[
                { title: t('editColCode'), dataIndex: 'archivalCode', width: 230 },
                { title: t('apprAction'), dataIndex: 'action', width: 100, render: (a: Action) => t(ACTION_KEYS[a]) },
                { title: t('apprReason'), dataIndex: 'reason', ellipsis: true },
                { title: t('apprVotes'), render: (_: unknown, p: Round['proposals'][number]) => p.votes.map((v) => <Tag key={v.username} color={v.vote === 'agree' ? 'green' : 'red'}>{v.username}</Tag>) },
              ]}
            />
            <Space style={{ marginTop: 12 }} wrap>
              {!approver && round.state === 'open' && (
                <>
                  <Button data-testid="appr-agree" onClick={() => void act(async () => (await call('appraisal:vote', { roundId: round.id, vote: 'agree' }), t('apprVoted')), round.id)}>{t('apprAgree')}</Button>
                  <Button data-testid="appr-disagree" onClick={() => void act(async () => (await call('appraisal:vote', { roundId: round.id, vote: 'disagree' }), t('apprVoted')), round.id)}>{t('apprDisagree')}</Button>
                </>
              )}
              {approver && round.state === 'open' && (
                <Space.Compact>
                  <Input data-testid="appr-basis" style={{ width: 320 }} placeholder={t('apprBasis')} value={basis} onChange={(e) => setBasis(e.target.value)} />
                  <Popconfirm title={t('apprApproveConfirm', { round: round.id })} okText={t('ok')} cancelText={t('cancel')}
                    onConfirm={() => void act(async () => (await call('appraisal:approve', { roundId: round.id, basis: basis.trim() }), t('apprApproved', { round: round.id })), round.id)}>
                    <Button type="primary" data-testid="appr-approve" disabled={!basis.trim()}>{t('apprApprove')}</Button>
                  </Popconfirm>
                </Space.Compact>
              )}
              {/* Kept mounted (disabled) once executed, and held open by this screen's state: a
                  confirmation whose button vanished or changed under it could stay on screen. */}
              {!approver && round.state !== 'open' && round.proposals.some((p) => p.action === 'destroy') && (
                <Popconfirm title={t('apprDestroyConfirm')} okText={t('ok')} cancelText={t('cancel')}
                  open={confirmingDestroy && round.state === 'approved'} onOpenChange={setConfirmingDestroy}
                  onConfirm={() => {
                    setConfirmingDestroy(false);
                    void act(async () => {
                      const reg = await call('appraisal:destroy', { roundId: round.id });
                      return t('apprDestroyed', { id: reg.id, n: reg.items.length });
                    }, round.id);
                  }}>
                  <Button danger data-testid="appr-destroy" disabled={round.state !== 'approved'}>{t('apprDestroy')}</Button>
                </Popconfirm>
              )}
            </Space>
            {round.approvalBasis && <Alert type="info" style={{ marginTop: 12 }} title={`${round.approvedBy ?? ''}：${round.approvalBasis}`} />}
          </div>
        )}
      </Card>
    </Card>
  );
}
