"use strict";
// Proof of work for the anonymous report form (org.haven.intake.abuse.ProofOfWork). The form carries a
// challenge in data-pow-challenge; this finds the decimal counter whose SHA-256 over
// UTF-8(challenge + counter) starts with the number of zero bits written in the challenge, and puts it
// in the hidden input "pow-solution". It starts when the page loads, so it is done long before the
// form is filled in. It never blocks submitting: without a solution (no JavaScript, no crypto.subtle
// outside HTTPS, an old browser, an error) the server falls back to the form's wait token.
(() => {
  const BATCH = 64; // digests in flight at once
  const YIELD_AFTER_MS = 40; // give the page a turn at least this often
  const DIFFICULTY_BYTE = 25; // kind (1) + nonce (16) + issue time (8)

  function difficultyOf(challenge) {
    const base64 = challenge.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return bytes.charCodeAt(DIFFICULTY_BYTE);
  }

  function leadingZeroBits(bytes) {
    let bits = 0;
    for (const b of bytes) {
      if (b !== 0) {
        return bits + Math.clz32(b) - 24;
      }
      bits += 8;
    }
    return bits;
  }

  async function solve(challenge) {
    const difficulty = difficultyOf(challenge);
    const encoder = new TextEncoder();
    let lastYield = performance.now();
    for (let start = 0; start < Number.MAX_SAFE_INTEGER; start += BATCH) {
      const digests = [];
      for (let counter = start; counter < start + BATCH; counter++) {
        digests.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + counter)));
      }
      const hashes = await Promise.all(digests);
      for (let i = 0; i < hashes.length; i++) {
        if (leadingZeroBits(new Uint8Array(hashes[i])) >= difficulty) {
          return String(start + i);
        }
      }
      if (performance.now() - lastYield > YIELD_AFTER_MS) {
        await new Promise((resume) => setTimeout(resume, 0));
        lastYield = performance.now();
      }
    }
    return null;
  }

  async function protect(form) {
    const challenge = form.dataset.powChallenge;
    const input = form.querySelector('input[name="pow-solution"]');
    if (!challenge || !input) {
      return;
    }
    if (!window.crypto || !crypto.subtle || !window.TextEncoder) {
      form.dataset.powState = "unavailable";
      return;
    }
    form.dataset.powState = "working";
    try {
      const solution = await solve(challenge);
      if (solution !== null) {
        input.value = solution;
        form.dataset.powState = "solved";
      }
    } catch (e) {
      form.dataset.powState = "unavailable";
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    for (const form of document.querySelectorAll("form[data-pow-challenge]")) {
      await protect(form);
    }
  });
})();
