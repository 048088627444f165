import * as vscode from 'vscode';
import { stepsFor, type WizardStep } from '../../../ui/multiStepInput';

/** The verification question both Migrate and Verify Restore ask: row counts only, or a content checksum too. */
export function checksumStep<S extends { checksum?: boolean }>(): WizardStep<S> {
  return stepsFor<S>()({ name: 'checksum' }, async (input, state) => {
    const items = [
      {
        label: vscode.l10n.t('Row counts'),
        description: vscode.l10n.t('per table and per partition'),
        checksum: false,
      },
      {
        label: vscode.l10n.t('Row counts and content checksums'),
        description: vscode.l10n.t('each server hashes every row: reads all the data, slower'),
        detail: vscode.l10n.t('Compare checksums between clusters of the same version: FLOAT and DOUBLE text can differ between versions.'),
        checksum: true,
      },
    ];
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('How to verify the restored data'),
      activeItem: items.find((i) => i.checksum === state.checksum),
    });
    state.checksum = picked.checksum;
  });
}
