/**
 * Cleans pasted HTML before ProseMirror parses it. ProseMirror already parses clipboard HTML in a
 * detached document and keeps only what the schema knows; this removes elements and attributes
 * that can execute or load anything first, so they never reach a parse rule (defence in depth,
 * with the CSP and the core's allowlist on save). DOMParser's document is inert: nothing runs there.
 */
const DROP =
  'script,style,iframe,frame,object,embed,link,meta,base,img,picture,source,video,audio,svg,math,form,input,button,textarea,select,template';

export function sanitizePastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll(DROP)) el.remove();
  for (const el of doc.body.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (
        /^on/i.test(attr.name) ||
        /^\s*(javascript|vbscript|data):/i.test(attr.value) ||
        attr.name === 'style' ||
        attr.name === 'srcdoc'
      )
        el.removeAttribute(attr.name);
    }
  }
  return doc.body.innerHTML;
}
