// calc.js: the neutral page a quick exit leaves for, a plain calculator
// with no word of the app. C pressed three times within two seconds
// clears the exit and opens the app again (settings say so).
const screen = document.getElementById('screen');
let expr = '';
let clears = [];
document.querySelector('.keys').addEventListener('click', (e) => {
  const key = e.target.dataset?.key;
  if (!key) return;
  if (key === 'C') {
    expr = '';
    clears = clears.filter((at) => e.timeStamp - at < 2000).concat(e.timeStamp);
    if (clears.length > 2) return back();
  } else if (key === '=') {
    expr = compute(expr);
  } else expr += key;
  screen.textContent = expr || '0';
});

// compute evaluates digits and + − × ÷, × and ÷ first (no eval: the CSP
// forbids it).
function compute(text) {
  const parts = text.match(/\d*\.?\d+|[-+×÷]/g) || [];
  const terms = [];
  let op = '+';
  for (const p of parts) {
    if (/[-+×÷]/.test(p)) { op = p; continue; }
    const n = +p;
    if (op === '×') terms.push(terms.pop() * n);
    else if (op === '÷') terms.push(terms.pop() / n);
    else terms.push(op === '-' ? -n : n);
  }
  const sum = terms.reduce((a, b) => a + b, 0);
  return Number.isFinite(sum) ? String(+sum.toFixed(10)) : '';
}

async function back() {
  document.cookie = 'exit=; path=/; max-age=0; samesite=strict';
  await caches?.delete('amem-exit').catch(() => {});
  location.replace('/');
}
