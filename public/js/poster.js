// The counter poster's print button (the CSP forbids inline handlers).
document.getElementById('poster-print')?.addEventListener('click', () => window.print());
