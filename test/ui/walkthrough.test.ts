import { answerInputBox } from './pages/quickInput';
import { expectVisible } from './pages/expect';
import { openViewContainer, welcomeContent } from './pages/sideBar';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

/**
 * The guide's first steps as a new user meets them: the link in the empty view opens the
 * walkthrough; its first step's button asks for the bucket and opens both IAM policies; the second
 * step shows the credential methods.
 */
describe('The Backup & Restore Guide walkthrough', () => {
  const ui = useWorkbench();

  it('opens from the welcome view with the steps in the guide order', async () => {
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    const welcome = welcomeContent(ui.page);
    await welcome.getByRole('button', { name: 'Open the Backup & Restore Guide' }).click();
    await expectVisible(ui.page.getByText('Back Up and Restore with AWS S3').first(), 'the walkthrough title');
    for (const step of [
      'Configure the IAM policy',
      'Choose the credential method',
      'Create a repository',
      'Back up',
      'Check the snapshot',
    ]) {
      await expectVisible(ui.page.getByRole('button', { name: new RegExp(step) }).first(), `the step "${step}"`);
    }
    await ui.screenshot('walkthrough-iam-policy');
  });

  it("the IAM policy step's button asks for the bucket and opens both policies", async () => {
    await ui.page.getByRole('button', { name: 'Show IAM Policies for a Bucket' }).first().click();
    await answerInputBox(ui.page, 's3a://guide-bucket/backups');
    await expectVisible(ui.page.getByText('IAM policies for s3a://guide-bucket/backups').first(), 'the policies document');
    await ui.screenshot('walkthrough-iam-policies-document');
  });

  it('the credential step names the three methods', async () => {
    await ui.page
      .getByRole('tab', { name: /Walkthrough|Welcome|Back Up and Restore/ })
      .first()
      .click();
    await ui.page
      .getByRole('button', { name: /Choose the credential method/ })
      .first()
      .click();
    await expectVisible(ui.page.getByText(/Instance profile, assumed role or an IAM user's access keys/).first(), 'the step text');
    await ui.screenshot('walkthrough-credentials');
  });
});
