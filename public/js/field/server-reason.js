// Why the server refused something, as the server said it: its catalogue message and the details, both in the
// language the phone asked for when it sent (Accept-Language), instead of a reason guessed on the phone.
export function serverReason(error) {
  if (!error) return '';
  const details = (error.details || []).map((d) => d && d.message).filter(Boolean);
  return [error.message, ...details].filter(Boolean).join(' ');
}
