"use strict";
// Passkeys (WebAuthn): sign in without a password, and add a passkey on "My account".
// Talks to Spring Security's WebAuthn endpoints; every message shown comes from the server's pages.
(() => {
  const b64url = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes.buffer;
    }
  };

  function csrfHeaders() {
    const token = document.querySelector('meta[name="csrf-token"]');
    const header = document.querySelector('meta[name="csrf-header"]');
    return token && header ? { [header.content]: token.content } : {};
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", ...csrfHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }

  async function signIn() {
    const options = await post("/webauthn/authenticate/options");
    const credential = await navigator.credentials.get({
      publicKey: {
        ...options,
        challenge: b64url.decode(options.challenge),
        allowCredentials: (options.allowCredentials || []).map(c => ({ ...c, id: b64url.decode(c.id) }))
      }
    });
    const r = credential.response;
    const result = await post("/login/webauthn", {
      id: credential.id,
      rawId: b64url.encode(credential.rawId),
      response: {
        authenticatorData: b64url.encode(r.authenticatorData),
        clientDataJSON: b64url.encode(r.clientDataJSON),
        signature: b64url.encode(r.signature),
        userHandle: r.userHandle ? b64url.encode(r.userHandle) : undefined
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    });
    if (!result.authenticated) throw new Error("refused");
    return result.redirectUrl;
  }

  async function register(label) {
    const options = await post("/webauthn/register/options");
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        user: { ...options.user, id: b64url.decode(options.user.id) },
        challenge: b64url.decode(options.challenge),
        excludeCredentials: (options.excludeCredentials || []).map(c => ({ ...c, id: b64url.decode(c.id) }))
      }
    });
    const r = credential.response;
    const result = await post("/webauthn/register", {
      publicKey: {
        credential: {
          id: credential.id,
          rawId: b64url.encode(credential.rawId),
          response: {
            attestationObject: b64url.encode(r.attestationObject),
            clientDataJSON: b64url.encode(r.clientDataJSON),
            transports: r.getTransports ? r.getTransports() : []
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        },
        label
      }
    });
    if (!result.success) throw new Error("refused");
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.PublicKeyCredential) return;
    const signInButton = document.getElementById("passkey-sign-in");
    if (signInButton) {
      signInButton.hidden = false;
      signInButton.addEventListener("click", async () => {
        try {
          window.location.href = await signIn();
        } catch (e) {
          window.location.href = "/login?passkeyError";
        }
      });
    }
    const addForm = document.getElementById("passkey-add");
    if (addForm) {
      addForm.hidden = false;
      const unsupported = document.getElementById("passkey-unsupported");
      if (unsupported) unsupported.hidden = true;
      addForm.addEventListener("submit", async event => {
        event.preventDefault();
        const label = document.getElementById("passkey-label").value.trim();
        if (!label || label.length > 100) {
          window.location.href = "/account?passkeyLabel#passkeys";
          return;
        }
        try {
          await register(label);
          window.location.href = "/account?passkeyAdded#passkeys";
        } catch (e) {
          window.location.href = "/account?passkeyFailed#passkeys";
        }
      });
    }
  });
})();
