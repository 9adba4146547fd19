// The signed-in user's screens: the generated sign-in screen (styled by the theme, texts from
// the shared string table) and sign-out, which warns about changes not sent yet.

import APP from "./model/app.js";
import * as auth from "./auth.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { confirmDialog, dialog, h, toast } from "./ui.js";

/** Show the sign-in screen in place of the app. `reason`: a string key said above the button
 * ("fc.session_ended" when a session ran out with the outbox kept, "fc.sign_in_failed"). */
export function signInScreen(reason = null) {
  const status = h("p", { class: "fc-signin-status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "fc-btn fc-btn-primary fc-signin-button",
    text: t("fc.sign_in") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = t("fc.signing_in");
    try {
      await auth.signIn();
    } catch (err) {  // the provider could not be reached
      button.disabled = false;
      status.textContent = t("fc.sign_in_unreachable");
    }
  });
  const mark = APP.logo ? h("img", { class: "fc-signin-logo", src: APP.logo, alt: "" })
    : h("div", { class: "fc-signin-mark" }, icon("person", 40));
  const notice = reason ? h("p", { class: "fc-signin-notice", role: "alert", text: t(reason) }) : null;
  const panel = h("section", { class: "fc-signin", "aria-labelledby": "fc-signin-title" }, mark,
    h("h1", { class: "fc-signin-title", id: "fc-signin-title", text: APP.name }),
    h("p", { class: "fc-signin-text", text: t("fc.sign_in_text", { app: APP.name }) }),
    notice, button, status);
  const page = h("main", { class: "fc-signin-page", id: "fc-signin" }, panel);
  document.title = `${t("fc.sign_in")} · ${APP.name}`;
  document.getElementById("fc-app").replaceChildren(page);
  document.body.dataset.signin = reason || "required";
  button.focus();
}

/** The app bar's account button: who is signed in, and sign-out. */
export function accountButton(data) {
  const user = auth.currentUser() || {};
  const who = user.name || user.email || user.preferred_username || user.sub || "";
  return h("button", { type: "button", class: "fc-appbar-account", id: "fc-sign-out",
    "aria-label": t("fc.sign_out_of", { user: who }), title: t("fc.sign_out_of", { user: who }),
    onclick: () => signOut(data) }, icon("person"));
}

/** Sign out; with changes not sent yet, ask first: send now, keep them for this user, or
 * discard them (confirmed). Then the user's data goes and the app starts anew. */
export async function signOut(data) {
  const waiting = (s) => s.pending + s.failed + s.conflicts;
  let keep = false;
  const count = waiting(data.syncStatus());
  if (count) {
    const choice = await dialog({ title: t("fc.sign_out_pending_title"),
      body: [h("p", { text: t("fc.sign_out_pending", { count }) })], buttons: [
        { text: t("fc.cancel"), value: null },
        { text: t("fc.discard_changes"), value: "discard", variant: "danger" },
        { text: t("fc.keep_for_user"), value: "keep", variant: "secondary" },
        { text: t("fc.send_now"), value: "send", variant: "primary" }] });
    if (!choice) return false;
    if (choice === "send") {
      await data.flush(true);
      if (waiting(data.syncStatus())) { toast(t("fc.sign_out_not_sent"), "warning"); return false; }
    }
    if (choice === "discard" && !(await confirmDialog(t("fc.discard_all_confirm")))) return false;
    keep = choice === "keep";
  }
  await auth.signOut({ keep });
  location.replace(auth.redirectUri());
  return true;
}
