/** Options › Import/export: the configuration as a JSON file, never with secrets. */
import { useState } from 'preact/hooks';
import { call } from '@/utils/messaging/client';
import type { Status } from '@/utils/messaging/protocol';
import { failure, type Summary } from '@/utils/status/summary';
import { StatusBox } from './status-box';

export function ConfigTransfer({ onStatus }: { onStatus: (status: Status) => void }) {
  const [result, setResult] = useState<Summary | null>(null);

  async function exportFile() {
    try {
      const file = await call('exportConfig', {});
      const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'pam-bridge-settings.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href)); // after the download has started
      setResult({ tone: 'ok', headline: 'Exported pam-bridge-settings.json (tokens and keys are never exported).', needsTest: false });
    } catch (error) {
      setResult(failure(error));
    }
  }

  async function importFile(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      onStatus(await call('importConfig', { text: await file.text() }));
      setResult({ tone: 'ok', headline: `Imported ${file.name}. Paste tokens again if this is a new computer.`, needsTest: false });
    } catch (error) {
      setResult(failure(error));
    }
    input.value = '';
  }

  return (
    <section aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">Import and export</h2>
      <p class="hint">Settings travel as a JSON file. Tokens and keys stay on this computer and are never in the file.</p>
      <div class="actions">
        <button type="button" onClick={exportFile}>Export settings</button>
        <label for="import-file" style="margin:0;font-weight:normal">Import settings file</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange={importFile} />
      </div>
      <StatusBox summary={result} testId="transfer-result" />
    </section>
  );
}
