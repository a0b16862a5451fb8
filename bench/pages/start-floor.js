// The floor for "navigation to first chart": one module script that draws a simple chart (axes,
// a few labels, one curve) on a canvas and sets the same performance mark as the explorer. What
// this takes in a fresh browser context is browser start-up (renderer process, fonts), not actviz.

const ctx = document.querySelector("canvas").getContext("2d");
const { width, height } = ctx.canvas;
ctx.fillStyle = "#fff";
ctx.fillRect(0, 0, width, height);
ctx.strokeStyle = "#9ca3af";
ctx.lineWidth = 2;
ctx.strokeRect(120, 20, width - 140, height - 112);
ctx.fillStyle = "#374151";
ctx.font = "24px sans-serif";
ctx.textAlign = "center";
for (let x = -4; x <= 4; x += 2) ctx.fillText(String(x), 120 + ((x + 5) / 10) * (width - 140), height - 60);
ctx.beginPath();
for (let i = 0; i <= 100; i++) {
  const x = -5 + i / 10;
  const y = x > 0 ? x : 0.01 * x;
  const px = 120 + (i / 100) * (width - 140);
  const py = height - 92 - ((y + 1) / 7) * (height - 112);
  if (i === 0) ctx.moveTo(px, py);
  else ctx.lineTo(px, py);
}
ctx.strokeStyle = "#2563eb";
ctx.lineWidth = 4.5;
ctx.stroke();
performance.mark("actviz:first-draw");
