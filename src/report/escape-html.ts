// Text made safe for the HTML report: element content, attributes, a script element's JSON.

/** The plain-text explanation as HTML: 【headings】 become headings, "· " lines paragraphs, indented lines indented. */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      if (/^(【.*】|\[.*\])/u.test(line)) return `<h5>${escapeHtml(line)}</h5>`;
      if (line.startsWith('  ')) return `<p class="indent">${escapeHtml(line.trim())}</p>`;
      return `<p>${escapeHtml(line)}</p>`;
    })
    .join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON inside a script element: nothing in it may close the element. */
export function escapeScript(text: string): string {
  return text.replace(/</g, '\\u003c');
}

export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}
