// Makes sure the browser tests have what they need: Debian's Chromium and a CJK font (so that
// 中文 renders in screenshots). Installs them with apt when missing and running as root.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasFont = () => { try { return /Noto Sans CJK/i.test(execSync('fc-list', { encoding: 'utf8' })); } catch { return false; } };
const missing = [];
if (!existsSync(chromium)) missing.push('chromium');
if (!hasFont()) missing.push('fonts-noto-cjk');
if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.error(`e2e: missing ${missing.join(', ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`e2e: installing ${missing.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, { stdio: 'inherit', env });
}
console.log(`e2e: using ${chromium}`);
