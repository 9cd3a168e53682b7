// Turns the per-page facts gathered by the crawler into accessibility problems.
export function a11yProblems(pages, rootUrl) {
  const grouped = new Map();
  const add = (msg, url) => {
    if (!grouped.has(msg)) grouped.set(msg, []);
    grouped.get(msg).push(url.startsWith(rootUrl) ? url.slice(rootUrl.length) : url);
  };
  for (const { url, info } of pages.values()) {
    if (!info) continue;
    const a = info.a11y;
    if (!a.lang) add('<html> has no lang attribute', url);
    if (!a.title) add('empty <title>', url);
    if (a.mains !== 1) add(`${a.mains} <main> landmarks (want exactly 1)`, url);
    if (a.h1 < 1) add('no <h1>', url);
    if (!a.viewport) add('no <meta name="viewport"> (unreadable on a phone)', url);
    for (const src of a.imgsWithoutAlt) add(`<img src="${src}"> has no alt`, url);
    for (const c of a.unlabelledControls) add(`form control without a label: ${c}`, url);
    for (const id of a.duplicateIds) add(`duplicate id="${id}"`, url);
    for (const href of a.emptyLinks) add(`link with no text or label: href="${href}"`, url);
  }
  return [...grouped].map(([msg, urls]) => {
    const shown = urls.slice(0, 5).join(', ') + (urls.length > 5 ? `, … (${urls.length} pages)` : '');
    return `${msg} — on ${shown}`;
  });
}
