// A minimal W3C WebDriver client for Firefox through geckodriver (Playwright's own Firefox build
// cannot be downloaded here, so Debian's firefox-esr is driven the standard way).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts geckodriver and a headless firefox-esr session that makes no background requests. */
export async function launchFirefox() {
  const port = await freePort();
  const driver = spawn("geckodriver", ["--port", String(port), "--host", "127.0.0.1"], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch (error) {
      if (i > 100) throw new Error(`geckodriver did not start: ${error.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Every command gets an answer within 20 s (page loads time out at 15), or fails: a frozen
  // page must fail its test, never hang the run.
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    }).catch((error) => {
      if (error.name !== "TimeoutError") throw error;
      throw new Error(`WebDriver ${method} ${path}: no answer within 20 s (the page is frozen)`);
    });
    const json = await response.json();
    if (json.value?.error) throw new Error(`WebDriver ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  const prefs = {
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "toolkit.telemetry.enabled": false,
  };
  const session = await call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        "moz:firefoxOptions": { binary: "/usr/bin/firefox-esr", args: ["-headless", "-width=1280", "-height=900"], prefs },
        // A page that never finishes loading, or a script that never returns, is an error.
        timeouts: { pageLoad: 15_000, script: 10_000 },
      },
    },
  });
  const id = session.sessionId;
  return {
    goto: (url) => call("POST", `/session/${id}/url`, { url }),
    /** Runs `script` (a function body; `arguments` holds `args`) and returns its value. */
    run: (script, ...args) => call("POST", `/session/${id}/execute/sync`, { script, args }),
    /** Polls `script` until it returns a truthy value. */
    async waitFor(script, what, timeout = 15_000) {
      const end = Date.now() + timeout;
      for (;;) {
        const value = await call("POST", `/session/${id}/execute/sync`, { script, args: [] });
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await Promise.race([call("DELETE", `/session/${id}`).catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
      driver.kill();
    },
  };
}
