import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mountOf } from './mounts.js';

/**
 * SMART data of the disk holding a medium (HDD, SSD), through `smartctl -a -j` (smartmontools
 * 7, JSON output). Only a summary is kept: what a backup officer compares between checks. A
 * machine without smartctl, a virtual disk without SMART, a USB bridge that hides it: all are
 * 'unavailable', never a failed verification.
 */
export interface SmartSummary {
  device: string;
  model: string | null;
  serial: string | null;
  /** smart_status.passed: the drive's own overall health self-assessment. */
  passed: boolean | null;
  powerOnHours: number | null;
  /** ATA attribute 5 (Reallocated_Sector_Ct) raw value, or a SCSI disk's grown defect list. */
  reallocatedSectors: number | null;
  /** NVMe media and data integrity errors. */
  mediaErrors: number | null;
  temperatureC: number | null;
  /** smartctl's exit status: bit flags (3: failing, 4: prefail attribute below threshold, …). */
  exitStatus: number;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** The raw value of an ATA attribute by id, from ata_smart_attributes.table. */
function ataRaw(doc: Json, id: number): number | null {
  const table = obj(doc['ata_smart_attributes'])?.['table'];
  if (!Array.isArray(table)) return null;
  const row = table.map(obj).find((r) => r?.['id'] === id);
  return num(obj(row?.['raw'])?.['value']);
}

/**
 * The summary of smartctl's JSON; null when it holds no SMART data (the device could not be
 * opened, its type not detected, SMART not supported: exit bits 0 to 2 with neither a health
 * verdict nor a model).
 */
export function parseSmart(text: string): SmartSummary | null {
  let doc: Json | undefined;
  try {
    doc = obj(JSON.parse(text));
  } catch {
    return null;
  }
  if (!doc) return null;
  const exitStatus = num(obj(doc['smartctl'])?.['exit_status']) ?? 0;
  const status = obj(doc['smart_status']);
  const passed = typeof status?.['passed'] === 'boolean' ? status['passed'] : null;
  const model = str(doc['model_name']) ?? str(doc['scsi_model_name']) ?? str(doc['model_family']);
  if (passed === null && model === null) return null;
  const nvme = obj(doc['nvme_smart_health_information_log']);
  const powerOnHours = num(obj(doc['power_on_time'])?.['hours']) ?? num(nvme?.['power_on_hours']) ?? ataRaw(doc, 9);
  const reallocated = ataRaw(doc, 5) ?? num(doc['scsi_grown_defect_list']);
  return {
    device: str(obj(doc['device'])?.['name']) ?? '',
    model,
    serial: str(doc['serial_number']),
    passed,
    powerOnHours,
    reallocatedSectors: reallocated,
    mediaErrors: num(nvme?.['media_errors']),
    temperatureC: num(obj(doc['temperature'])?.['current']) ?? num(nvme?.['temperature']),
    exitStatus,
  };
}

/**
 * The whole disk under a block device: SMART belongs to the disk, not to a partition (sda1 →
 * sda, nvme0n1p2 → nvme0n1) or a device-mapper volume (LVM, LUKS: its first underlying
 * device). Falls back to the device itself.
 */
export function wholeDisk(device: string, sys = '/sys/class/block'): string {
  let name: string;
  try {
    name = path.basename(fs.realpathSync(device));
  } catch {
    return device;
  }
  for (let depth = 0; depth < 8; depth++) {
    const dir = path.join(sys, name);
    let slaves: string[] = [];
    try {
      slaves = fs.readdirSync(path.join(dir, 'slaves'));
    } catch {
      // Not a stacked device.
    }
    if (slaves.length > 0) {
      name = slaves[0]!;
      continue;
    }
    if (fs.existsSync(path.join(dir, 'partition'))) {
      try {
        name = path.basename(path.dirname(fs.realpathSync(dir)));
        continue;
      } catch {
        break;
      }
    }
    break;
  }
  return `/dev/${name}`;
}

/** Runs smartctl; its output whatever the exit status (non-zero exits are bit flags that still come with JSON). */
export type SmartReader = (device: string) => Promise<string | null>;

export const runSmartctl: SmartReader = (device) => new Promise((resolve) => {
  execFile('smartctl', ['-a', '-j', device], { encoding: 'utf8', timeout: 30_000, maxBuffer: 8 << 20 }, (_e, stdout) => {
    resolve(typeof stdout === 'string' && stdout.trim().startsWith('{') ? stdout : null);
  });
});

let testReader: SmartReader | null = null;

/**
 * Test hook: answer for smartctl (a disk's SMART is device I/O, like the medium I/O boundary's
 * read errors; this VM's virtio disk has none). null goes back to running smartctl.
 */
export function setSmartReader(reader: SmartReader | null): void {
  testReader = reader;
}

/** The SMART summary of the disk holding root, or null when there is none to have. */
export async function readSmart(root: string): Promise<SmartSummary | null> {
  const device = mountOf(root)?.device;
  if (!device || !device.startsWith('/dev/')) return null;
  try {
    const disk = wholeDisk(device);
    const out = await (testReader ?? runSmartctl)(disk);
    const s = out === null ? null : parseSmart(out);
    return s && !s.device ? { ...s, device: disk } : s;
  } catch {
    // SMART is extra information: whatever goes wrong reading it, verification goes on without it.
    return null;
  }
}

/** Failing health: the drive says so itself, or smartctl's bit 3 (disk failing) is set. */
export function smartFailing(s: SmartSummary): boolean {
  return s.passed === false || (s.exitStatus & 8) !== 0;
}
