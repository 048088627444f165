/** Where each plan starts in the plan file's text (pure), for the CodeLens above it. */

/** Each plan's name and where its object starts, by walking the JSON text (strings and nesting respected). */
export function planNamePositions(text: string): { name: string; offset: number }[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return [];
  }
  const plans =
    typeof root === 'object' && root !== null && Array.isArray((root as { plans?: unknown }).plans)
      ? (root as { plans: unknown[] }).plans
      : [];
  const starts = objectStartsOfPlans(text);
  return plans.flatMap((plan, i) => {
    const name = typeof plan === 'object' && plan !== null ? (plan as { name?: unknown }).name : undefined;
    return typeof name === 'string' && starts[i] !== undefined ? [{ name, offset: starts[i] }] : [];
  });
}

/** Offsets of the `{` of each element of the top-level `"plans"` array. */
function objectStartsOfPlans(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inPlans = false;
  let plansDepth = -1;
  let lastKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastKey = text.slice(i + 1, j);
      i = j;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (ch === '[' && depth === 1 && lastKey === 'plans') {
        inPlans = true;
        plansDepth = depth + 1;
      } else if (ch === '{' && inPlans && depth === plansDepth) {
        starts.push(i);
      }
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (inPlans && depth < plansDepth) inPlans = false;
    }
  }
  return starts;
}
