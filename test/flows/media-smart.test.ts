/**
 * SMART data of the disk holding a medium (smartctl -a -j, smartmontools 7).
 *
 * This machine's disk is a virtio disk without SMART: the real smartctl (CI installs
 * smartmontools: .ci/run) answers "Unable to detect device type", and verification must
 * record 'unavailable' and stay clean. smartmontools ships no JSON examples, so the disks
 * that do have SMART are fixtures written from smartctl's documented JSON fields (the
 * json_format_version 1.0 layout smartctl 7.x prints: smartctl.exit_status, device,
 * model_name, serial_number, smart_status.passed, power_on_time.hours,
 * ata_smart_attributes.table[].raw.value, nvme_smart_health_information_log), answered
 * through the SMART test hook in place of the device (setSmartReader, like the medium I/O
 * boundary's injected read errors). A failing health must raise an alert like a read error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../native/cli/main.js';
import { parseSmart, runSmartctl, setSmartReader, wholeDisk } from '../../native/media/smart.js';
import { mountOf } from '../../native/media/mounts.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, makeMediaVault } from './media-fixture.js';

const root = tempDir();

/** What smartctl 7.3 printed here for /dev/vda (a virtio disk), verbatim but for the time. */
const VIRTIO_NO_SMART = JSON.stringify({
  json_format_version: [1, 0],
  smartctl: {
    version: [7, 3], svn_revision: '5338', platform_info: 'x86_64-linux-6.18.44-fc-v1272', build_info: '(local build)', argv: ['smartctl', '-a', '-j', '/dev/vda'],
    messages: [{ string: '/dev/vda: Unable to detect device type', severity: 'error' }], exit_status: 1,
  },
  local_time: { time_t: 1796443861, asctime: 'Sat Dec  5 04:11:01 2026 UTC' },
});

function ataAttribute(id: number, name: string, value: number, thresh: number, raw: number, whenFailed = ''): Record<string, unknown> {
  return { id, name, value, worst: value, thresh, when_failed: whenFailed, flags: { value: 51, string: 'PO--CK ', prefailure: true }, raw: { value: raw, string: String(raw) } };
}

/** A SATA disk in good health (fixture from the documented fields). */
const ATA_PASSED = JSON.stringify({
  json_format_version: [1, 0],
  smartctl: { version: [7, 3], argv: ['smartctl', '-a', '-j', '/dev/sdb'], exit_status: 0 },
  device: { name: '/dev/sdb', info_name: '/dev/sdb [SAT]', type: 'sat', protocol: 'ATA' },
  model_family: 'Western Digital Red', model_name: 'WDC WD20EFRX-68EUZN0', serial_number: 'WD-WCC4M1234567', firmware_version: '82.00A82',
  user_capacity: { blocks: 3907029168, bytes: 2000398934016 },
  smart_status: { passed: true },
  ata_smart_attributes: { revision: 16, table: [ataAttribute(1, 'Raw_Read_Error_Rate', 200, 51, 0), ataAttribute(5, 'Reallocated_Sector_Ct', 200, 140, 0), ataAttribute(9, 'Power_On_Hours', 72, 0, 20512)] },
  power_on_time: { hours: 20512 }, power_cycle_count: 311, temperature: { current: 34 },
});

/** A SATA disk that fails its health check: attribute 5 below threshold, exit bits 3, 4, 6, 7 (216). */
const ATA_FAILING = JSON.stringify({
  json_format_version: [1, 0],
  smartctl: { version: [7, 3], argv: ['smartctl', '-a', '-j', '/dev/sdc'], exit_status: 216 },
  device: { name: '/dev/sdc', info_name: '/dev/sdc [USB JMicron]', type: 'usbjmicron', protocol: 'ATA' },
  model_family: 'Hitachi Deskstar 7K1000.D', model_name: 'Hitachi HDS721050DLE630', serial_number: 'MSK423Y20S3HBC',
  smart_status: { passed: false },
  ata_smart_attributes: { revision: 16, table: [ataAttribute(5, 'Reallocated_Sector_Ct', 1, 5, 1975, 'now'), ataAttribute(9, 'Power_On_Hours', 91, 0, 65592), ataAttribute(197, 'Current_Pending_Sector', 100, 0, 8)] },
  power_on_time: { hours: 65592 }, temperature: { current: 25 },
});

/** An NVMe SSD: no attribute table, the health information log instead. */
const NVME_PASSED = JSON.stringify({
  json_format_version: [1, 0],
  smartctl: { version: [7, 3], argv: ['smartctl', '-a', '-j', '/dev/nvme0'], exit_status: 0 },
  device: { name: '/dev/nvme0', info_name: '/dev/nvme0', type: 'nvme', protocol: 'NVMe' },
  model_name: 'Samsung SSD 970 EVO Plus 1TB', serial_number: 'S4EWNX0R123456A',
  smart_status: { passed: true, nvme: { value: 0 } },
  nvme_smart_health_information_log: { critical_warning: 0, temperature: 38, available_spare: 100, percentage_used: 2, power_on_hours: 4021, media_errors: 0, unsafe_shutdowns: 12 },
  temperature: { current: 38 }, power_on_time: { hours: 4021 },
});

test('smartctl JSON: summaries of ATA and NVMe disks; no SMART data is null, never an error', () => {
  assert.equal(parseSmart(VIRTIO_NO_SMART), null, 'exit 1, no device type: no data');
  assert.equal(parseSmart('not json'), null);
  assert.equal(parseSmart('[]'), null);
  assert.deepEqual(parseSmart(ATA_PASSED), {
    device: '/dev/sdb', model: 'WDC WD20EFRX-68EUZN0', serial: 'WD-WCC4M1234567', passed: true, powerOnHours: 20512, reallocatedSectors: 0, mediaErrors: null, temperatureC: 34, exitStatus: 0,
  });
  assert.deepEqual(parseSmart(ATA_FAILING), {
    device: '/dev/sdc', model: 'Hitachi HDS721050DLE630', serial: 'MSK423Y20S3HBC', passed: false, powerOnHours: 65592, reallocatedSectors: 1975, mediaErrors: null, temperatureC: 25, exitStatus: 216,
  });
  assert.deepEqual(parseSmart(NVME_PASSED), {
    device: '/dev/nvme0', model: 'Samsung SSD 970 EVO Plus 1TB', serial: 'S4EWNX0R123456A', passed: true, powerOnHours: 4021, reallocatedSectors: null, mediaErrors: 0, temperatureC: 38, exitStatus: 0,
  });
});

test('the real smartctl on this machine\'s disk', { skip: hasSmartctl() ? false : 'smartctl is not installed' }, async () => {
  const device = mountOf(root)?.device;
  if (!device?.startsWith('/dev/')) return;
  const disk = wholeDisk(device);
  const out = await runSmartctl(disk);
  assert.ok(out !== null, 'smartctl prints JSON whatever its exit status');
  const doc = JSON.parse(out) as { smartctl: { argv: string[] } };
  assert.deepEqual(doc.smartctl.argv, ['smartctl', '-a', '-j', disk]);
  // A disk with SMART gives its summary; a virtual one (this VM) gives none: both without error.
  const s = parseSmart(out);
  assert.ok(s === null || s.device !== '', JSON.stringify(s));
});

function hasSmartctl(): boolean {
  try {
    execFileSync('smartctl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: { LANG: 'en_US.UTF-8', ...env } });
  return { code, stdout, stderr };
}

test('verification records SMART: unavailable here and clean; a summary stored and printed; failing health alerted like a read error', { timeout: 180_000 }, async (t) => {
  t.after(() => setSmartReader(null));
  const v = await makeMediaVault(path.join(root, 'a'), { records: 2 });
  const { api, backup } = v;
  const disk = await api.media.add(backup, { type: 'hdd', id: 'HDD-S1', brand: 'Hitachi', batch: 'H7K', capacityBytes: 5e11, site: '市档案馆异地库', mountPath: blankMedium(root, 'HDD-S1') });
  const mate = await api.media.add(backup, { type: 'hdd', id: 'HDD-S2', brand: 'Hitachi', batch: 'H7K', capacityBytes: 5e11, site: '区档案馆', mountPath: blankMedium(root, 'HDD-S2') });
  const usb = await api.media.add(backup, { type: 'usb', id: 'USB-S3', capacityBytes: 64e9, site: '区档案馆', mountPath: blankMedium(root, 'USB-S3') });
  await api.media.backup(backup, { mediumId: disk.id });
  await api.media.backup(backup, { mediumId: usb.id });

  // This machine, as it is: smartctl (if installed) has nothing for a virtio disk.
  let r = await api.media.verify(backup, { mediumId: disk.id });
  assert.deepEqual([r.clean, r.smart, r.smartSummary], [true, 'unavailable', null], JSON.stringify(r.findings));
  assert.equal(api.media.show(backup, disk.id).medium.smart, null);
  assert.equal((await api.media.verify(backup, { mediumId: usb.id })).smart, 'not-a-disk', 'a USB stick is not asked');
  // smartctl that hangs up or prints garbage: still unavailable, still clean.
  setSmartReader(() => Promise.reject(new Error('smartctl: killed')));
  r = await api.media.verify(backup, { mediumId: disk.id });
  assert.deepEqual([r.clean, r.smart], [true, 'unavailable']);

  // A disk in good health: the summary is stored on the medium and in the run, and printed.
  const asked: string[] = [];
  setSmartReader((device) => {
    asked.push(device);
    return Promise.resolve(ATA_PASSED);
  });
  r = await api.media.verify(backup, { mediumId: disk.id });
  assert.deepEqual([r.clean, r.smart, r.smartSummary?.model, r.smartSummary?.powerOnHours], [true, 'recorded', 'WDC WD20EFRX-68EUZN0', 20512]);
  assert.ok(asked[0]?.startsWith('/dev/'), 'the device holding the medium is asked');
  assert.deepEqual(JSON.parse(api.media.show(backup, disk.id).medium.smart ?? 'null'), r.smartSummary);
  assert.deepEqual(api.media.runs(backup, disk.id)[0]!.detail['smartSummary'], r.smartSummary);
  api.close();
  const env = { ...v.acc.backup.env, LANTAI_BACKUP_PASSPHRASE_FILE: v.passphraseFile };
  let c = await cli(['verify-media', '--medium', disk.id], env);
  assert.equal(c.code, 0, c.stdout + c.stderr);
  assert.match(c.stdout, /SMART: \/dev\/sdb model WDC WD20EFRX-68EUZN0, serial WD-WCC4M1234567, health PASSED, 20512 power-on hours, reallocated sectors 0/);

  // Failing health: an alert on that medium, the medium failing, its batch flagged, exit 1.
  setSmartReader(() => Promise.resolve(ATA_FAILING));
  c = await cli(['verify-media', '--medium', disk.id], env);
  assert.equal(c.code, 1, c.stdout + c.stderr);
  assert.match(c.stdout, /\[smart\] the disk \/dev\/sdc holding the medium \(Hitachi HDS721050DLE630, serial MSK423Y20S3HBC\) fails its SMART health check/);
  assert.match(c.stdout, /health FAILED, 65592 power-on hours, reallocated sectors 1975/);
  assert.match(c.stdout, /HDD-S2/, 'the batch-mate is named');
  c = await cli(['alerts'], env);
  assert.equal(c.code, 1);
  assert.match(c.stdout, /HDD-S1\tsmart\t\/dev\/sdc/);
  c = await cli(['media', 'show', disk.id, '--json'], env);
  const shown = JSON.parse(c.stdout) as { medium: { state: string; smart: string } };
  assert.equal(shown.medium.state, 'failing');
  assert.equal((JSON.parse(shown.medium.smart) as { passed: boolean }).passed, false);
  c = await cli(['media', 'show', mate.id, '--json'], env);
  assert.equal((JSON.parse(c.stdout) as { medium: { earlyCheck: boolean } }).medium.earlyCheck, true);
  // Found again: the alert stays one alert.
  c = await cli(['verify-media', '--medium', disk.id, '--json'], env);
  assert.equal(c.code, 1);
  assert.deepEqual((JSON.parse(c.stdout) as { findings: { kind: string }[] }).findings.map((f) => f.kind), ['smart']);
  c = await cli(['alerts', '--json'], env);
  assert.equal(c.stdout.split('"kind": "smart"').length - 1, 1, c.stdout);
});
