import type { HandoverList } from './handover.js';

/**
 * The printable handover list (交接清单): A4 portrait, Chinese, one table of contents with
 * counts and condition, totals, and the two signature lines (移交人 / 接收人) with dates.
 * A pure function of the list: no I/O, no scripts, no external resources, so the page can be
 * printed by the shell's own print-to-PDF and nothing is fetched.
 */
export interface HandoverRenderOptions {
  /** The unit (立档单位) printed in the heading. */
  unitName?: string;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 2026-11-22T08:30:00.000Z → 2026年11月22日 16:30 (China Standard Time, what the room's clocks show). */
export function chineseDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function handler(h: { name: string; unit: string }): string {
  return h.unit ? `${esc(h.unit)} ${esc(h.name)}` : esc(h.name);
}

export function renderHandoverList(list: HandoverList, options: HandoverRenderOptions = {}): string {
  const rows = list.items
    .map(
      (i) => `<tr><td class="n">${i.seq}</td><td>${esc(i.description)}</td><td>${esc(i.itemRef)}</td><td class="n">${i.count}</td><td class="c">${esc(i.unit)}</td><td>${esc(i.condition)}</td><td>${esc(i.remarks)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>交接清单 ${esc(list.title)}</title>
<style>
  @page { size: A4 portrait; margin: 20mm 18mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", SimSun, "Songti SC", serif; font-size: 11pt; color: #000; margin: 0; }
  h1 { text-align: center; font-size: 20pt; letter-spacing: 0.5em; margin: 0 0 4mm; }
  .unit { text-align: center; margin-bottom: 6mm; }
  .meta { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
  .meta td { padding: 1mm 0; vertical-align: top; }
  .meta td.k { width: 22mm; white-space: nowrap; }
  table.items { width: 100%; border-collapse: collapse; }
  table.items th, table.items td { border: 0.3mm solid #000; padding: 1.5mm 1.5mm; vertical-align: top; }
  table.items th { font-weight: bold; text-align: center; }
  td.n { text-align: right; white-space: nowrap; }
  td.c { text-align: center; white-space: nowrap; }
  tr { page-break-inside: avoid; }
  .total td { font-weight: bold; }
  .signatures { width: 100%; margin-top: 14mm; border-collapse: collapse; page-break-inside: avoid; }
  .signatures td { width: 50%; padding: 3mm 0; vertical-align: bottom; }
  .line { display: inline-block; min-width: 45mm; border-bottom: 0.3mm solid #000; }
  .note { margin-top: 6mm; font-size: 9pt; }
</style>
</head>
<body>
<h1>交接清单</h1>
${options.unitName ? `<div class="unit">${esc(options.unitName)}</div>` : ''}
<table class="meta">
<tr><td class="k">交接事项：</td><td>${esc(list.title)}</td><td class="k">清单编号：</td><td>${list.id}</td></tr>
${list.purpose ? `<tr><td class="k">交接事由：</td><td colspan="3">${esc(list.purpose)}</td></tr>` : ''}
<tr><td class="k">移交方：</td><td>${handler(list.fromHandler)}</td><td class="k">接收方：</td><td>${handler(list.toHandler)}</td></tr>
<tr><td class="k">交接时间：</td><td colspan="3">${chineseDateTime(list.at)}</td></tr>
</table>
<table class="items">
<thead><tr><th style="width:10mm">序号</th><th>交接内容</th><th style="width:38mm">档号/卷件号</th><th style="width:14mm">数量</th><th style="width:10mm">单位</th><th style="width:24mm">状况</th><th style="width:22mm">备注</th></tr></thead>
<tbody>
${rows}
<tr class="total"><td colspan="3" class="c">合计</td><td class="n">${list.totalCount}</td><td colspan="3"></td></tr>
</tbody>
</table>
<table class="meta" style="margin-top:4mm">
<tr><td class="k">总体状况：</td><td>${esc(list.conditionSummary || '完好')}</td></tr>
${list.remarks ? `<tr><td class="k">备注：</td><td>${esc(list.remarks)}</td></tr>` : ''}
</table>
<table class="signatures">
<tr><td>移交人（签字）：<span class="line">&nbsp;</span></td><td>接收人（签字）：<span class="line">&nbsp;</span></td></tr>
<tr><td>姓名：${esc(list.fromHandler.name)}</td><td>姓名：${esc(list.toHandler.name)}</td></tr>
<tr><td>日期：<span class="line">&nbsp;</span></td><td>日期：<span class="line">&nbsp;</span></td></tr>
</table>
<div class="note">本清单一式两份，交接双方各执一份。登记人：${esc(list.registeredByName)}</div>
</body>
</html>
`;
}
