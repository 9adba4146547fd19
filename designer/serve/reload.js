// Fieldcraft preview only (never exported): reload the page when the model file is saved.
// The service worker is updated first, so the reload shows the new export; the router then
// restores the current screen from history when it still exists.
(() => {
  const events = new EventSource("__fieldcraft/events");
  const activated = (worker) => new Promise((done) => {
    if (!worker || worker.state === "activated") return done();
    worker.addEventListener("statechange", () => { if (worker.state === "activated") done(); });
    setTimeout(done, 4000);
  });
  events.addEventListener("reload", async () => {
    events.close();
    try {
      const reg = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : null;
      if (reg) {
        await reg.update();
        await activated(reg.installing || reg.waiting);
      }
    } catch (e) { /* reload anyway */ }
    location.reload();
  });
})();
