// The admin's analytics view: one flow version's funnel (started → each question reached →
// finished → booked → attended) as bars built from the DOM, with the same numbers in a real
// table for screen readers, and how often each service was recommended. Bar widths are set
// through element.style (CSSOM), which the page's CSP (style-src 'self') allows.
import { el } from "../shared/el.js";
import { format } from "../shared/format-message.js";

/** The answer of GET /api/admin/flows/:flowId/analytics, or null when it is not one. */
export function analyticsFrom(body) {
  return body && Array.isArray(body.nodes) && Array.isArray(body.versions) && Array.isArray(body.services) ? body : null;
}

/** Funnel steps in order: started, each question reached, finished, booked, attended. */
function funnelSteps(report, t) {
  const questions = report.nodes.filter((node) => node.type !== "end");
  return [
    { label: t("analytics.started"), value: report.started, left: null },
    ...questions.map((node) => ({ label: node.id, detail: node.text, value: node.reached, left: node.left })),
    { label: t("analytics.finished"), value: report.finished, left: null },
    { label: t("analytics.booked"), value: report.booked, left: null },
    { label: t("analytics.attended"), value: report.attended, left: null },
  ];
}

const percent = (value, base) => (base > 0 ? Math.round((value / base) * 100) : 0);

/** Fills the version select, the funnel, its table and the services table. */
export function renderAnalytics(parts, report, strings, lang) {
  const t = (key, params) => format(strings, key, params, lang);
  const number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "ko-KR");
  parts.version.replaceChildren(...[...report.versions].reverse().map((v) => el("option", { text: t("analytics.versionLabel", { version: v }), attrs: { value: String(v), selected: v === report.version } })));
  // A version whose flow no longer builds: its counters are shown over the node ids they name.
  parts.unavailable.hidden = report.flowAvailable !== false;
  const steps = funnelSteps(report, t);
  const base = report.started;

  parts.chart.replaceChildren(...steps.map((step) => {
    const fill = el("span", { className: "funnel-fill" });
    fill.style.width = `${percent(step.value, base)}%`;
    return el("div", { className: "funnel-row" }, [
      el("span", { className: "funnel-label", text: step.label }),
      el("span", { className: "funnel-bar" }, [fill]),
      el("span", { className: "funnel-value mono", text: number.format(step.value) }),
    ]);
  }));

  parts.caption.textContent = t("analytics.caption", { version: report.version, started: number.format(base) });
  const rows = steps.map((step) => el("tr", {}, [
    el("th", { attrs: { scope: "row" } }, [el("span", { className: "mono", text: step.label }), step.detail ? el("span", { className: "hint", text: step.detail }) : null]),
    el("td", { className: "mono", text: number.format(step.value) }),
    el("td", { className: "mono", text: `${percent(step.value, base)}%` }),
    el("td", { className: "mono", text: step.left === null ? "—" : number.format(step.left) }),
  ]));
  for (const body of [...parts.table.tBodies]) body.remove();
  parts.table.append(el("tbody", {}, rows));

  for (const body of [...parts.services.tBodies]) body.remove();
  parts.services.append(el("tbody", {}, report.services.map((s) => el("tr", {}, [
    el("th", { attrs: { scope: "row" }, text: s.name || s.service }),
    el("td", { className: "mono", text: number.format(s.recommended) }),
  ]))));
  parts.servicesEmpty.hidden = report.services.length > 0;
}
