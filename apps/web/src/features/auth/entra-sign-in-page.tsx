/** Shown when the API uses Entra ID sign-in and nobody is signed in in this tab. */
export function EntraSignInPage({ onSignIn }: { onSignIn(): void }) {
  return (
    <main className="sign-in">
      <h1>Sign in to Defender SOAR</h1>
      <p>Sign in with your organization’s Microsoft Entra ID account. What you may do follows the roles your administrator gave you.</p>
      <button type="button" onClick={onSignIn}>
        Sign in with Microsoft
      </button>
    </main>
  );
}
