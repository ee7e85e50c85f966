"""A phone's width (390 × 844 CSS px) on every page of the URL conf, in Russian and English,
for a visitor of a server and a learner with weeks of history (the fullest pages: sessions,
check runs, a quiz, reviews due): the page never scrolls sideways, no text is cut by a box
that hides what overflows it (the dashboard's figures, the forecast date), and every link of
a table is on screen without scrolling the table (a run's link in the run history). Code
blocks may scroll inside themselves, but not widen the page. The walk is tests/e2e/pages.py,
shared with the accessibility test; a page added later is covered without editing this file."""

from __future__ import annotations

import pytest

from tests.e2e.pages import every_page, history_for

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844

# What a reader of a phone would miss, as one line each; an empty list on a page that fits.
PROBLEMS = """() => {
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].map((c) => "." + c).join("");
  const path = (el) => {
    const parts = [];
    for (let at = el; at && at !== document.body && parts.length < 3; at = at.parentElement) {
      parts.unshift(name(at));
    }
    return parts.join(" > ");
  };
  const text = (el) => (el.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways by ${root.scrollWidth - window.innerWidth} px`);
    // The innermost boxes that reach past the right edge outside any box that scrolls or
    // clips: the ones that widen the page. Failing those, any innermost box past the edge
    // (an absolutely positioned one escapes a scroller that is not its containing block).
    const edge = root.clientWidth;
    const reaches = (el) => el.getBoundingClientRect().right > edge + 0.5 &&
      el.getBoundingClientRect().width > 0;
    const unclipped = (el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible") return false;
      }
      return true;
    };
    const everything = [...document.body.querySelectorAll("*")].filter(reaches);
    const innermost = (set) => [...set].filter((el) => ![...el.children].some((c) => set.has(c)));
    let widest = innermost(new Set(everything.filter(unclipped)));
    if (!widest.length) widest = innermost(new Set(everything));
    for (const el of widest.slice(0, 5)) {
      const by = Math.round(el.getBoundingClientRect().right - edge);
      problems.push(`  past the edge by ${by} px: ${path(el)} «${text(el)}»`);
    }
  }
  const styles = new Map();
  const styleOf = (el) => styles.get(el) || styles.set(el, getComputedStyle(el)).get(el);
  const scrollers = new Map();
  const scrolls = (el) => {  // inside a box that scrolls sideways (a code block, a table)?
    if (!el || el === document.body) return false;
    if (!scrollers.has(el)) {
      const own = ["auto", "scroll"].includes(styleOf(el).overflowX);
      scrollers.set(el, own || scrolls(el.parentElement));
    }
    return scrollers.get(el);
  };
  // A tile, a card, a badge: a box the reader sees the edges of.
  const isBox = (style) => style.backgroundColor !== "rgba(0, 0, 0, 0)" ||
    ["Top", "Right", "Bottom", "Left"].some((side) => parseFloat(style[`border${side}Width`]) > 0);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const reported = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || reported.has(el) || scrolls(el)) continue;
    const style = styleOf(el);
    // Visually hidden labels (1 px boxes) are clipped on purpose, for screen readers only.
    if (el.clientWidth <= 1 || style.visibility === "hidden" || style.display === "none") continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const words = range.getBoundingClientRect();
    if (words.width === 0) continue;  // not rendered (inside a closed <details>, say)
    const spill = el.scrollWidth - el.clientWidth;
    if (style.overflowX !== "visible" && spill > 1) {
      reported.add(el);
      problems.push(`text cut by ${spill} px: ${path(el)} «${text(el)}»`);
      continue;
    }
    // Text reaching out of the nearest box around it, under its neighbours (which paint
    // over it: a figure in a tile of a grid).
    for (let up = el; up && up !== document.body; up = up.parentElement) {
      if (!isBox(styleOf(up))) continue;
      const box = up.getBoundingClientRect();
      const out = Math.max(box.left - words.left, words.right - box.right);
      if (out > 1) {
        reported.add(el);
        const by = Math.round(out);
        problems.push(`text out of ${name(up)} by ${by} px: ${path(el)} «${text(el)}»`);
      }
      break;
    }
  }
  for (const link of document.querySelectorAll("table a[href]")) {
    const box = link.getBoundingClientRect();
    if (box.width && (box.left < 0 || box.right > root.clientWidth + 0.5)) {
      const at = `${Math.round(box.left)}–${Math.round(box.right)} px`;
      problems.push(`a table's link off screen (${at}): ${path(link)} «${text(link)}»`);
    }
  }
  return problems;
}"""


def check_every_page(open_page, samples: dict[str, object], person: str) -> tuple[int, set]:
    """Opens every page at a phone's width; returns how many, and the addresses seen."""
    problems, checked, seen = [], 0, set()

    def narrow(*, locale: str):
        return open_page(locale=locale, width=WIDTH, height=HEIGHT)

    for view in every_page(narrow, samples):
        checked += 1
        seen.add(view.where)
        found = view.page.evaluate(PROBLEMS)
        problems += [f"{person} {view.language} {view.where}: {p}" for p in found]
    assert problems == [], "\n".join(problems)
    print(f"narrow screens: {person}: {checked} page views at {WIDTH} px, none too wide")
    return checked, seen


def test_a_visitor_of_a_server_never_scrolls_sideways_on_a_phone(open_page, builtin, settings):
    settings.LOCAL_MODE = False
    checked, _ = check_every_page(open_page, {}, "visitor")
    assert checked >= 2 * 15


def test_a_learner_with_history_never_scrolls_sideways_on_a_phone(open_page, builtin):
    from skillpath.people.services import ensure_local_user

    samples = history_for(ensure_local_user())
    checked, seen = check_every_page(open_page, samples, "learner with history")
    assert checked >= 2 * 20
    # The pages the issue named are among those checked: the dashboard, a check's spec and
    # its run history, a run.
    suite, run = samples["suite_slug"], samples["run_id"]
    assert {"/dashboard/", f"/checks/{suite}/", f"/checks/{suite}/runs/{run}/"} <= seen, seen
