import { initials } from "./names.js";

// Dark, saturated colours: white initials on each of them stay readable (contrast ratio above 4.5:1).
const PALETTE = [
  "#0B7A75",
  "#C2410C",
  "#1D4ED8",
  "#7C3AED",
  "#B91C1C",
  "#047857",
  "#A21CAF",
  "#0369A1",
  "#4D7C0F",
  "#9F1239",
  "#4338CA",
  "#B45309",
] as const;

/** A brand colour picked from the name, so the same name always gets the same colour (FNV-1a hash). */
export function brandColor(name: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PALETTE[hash % PALETTE.length]!;
}

/** The plugin's logo: a rounded square in the brand colour with the display name's initials. */
export function logoSvg(displayName: string, color: string): string {
  const text = escapeXml(initials(displayName) || "P");
  const fontSize = text.length > 1 ? 52 : 64;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${escapeXml(displayName)}">
  <rect width="128" height="128" rx="28" fill="${color}"/>
  <text x="64" y="64" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${fontSize}" font-weight="700" fill="#FFFFFF">${text}</text>
</svg>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
