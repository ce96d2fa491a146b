/**
 * Progressive enhancement of the subscribe form: send it with fetch and show the answer in the
 * status line below it, without leaving the page. Without JavaScript the same form posts and the
 * server answers with a page; the server decides everything either way.
 */
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-subscribe-form]')) {
  const status = form.querySelector<HTMLElement>('[data-form-status]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  form.addEventListener('submit', async (event) => {
    if (status === null) return;
    event.preventDefault();
    status.textContent = 'Sending…';
    status.dataset.state = 'pending';
    if (button) button.disabled = true;
    try {
      const body = new URLSearchParams();
      for (const [name, value] of new FormData(form)) body.append(name, String(value));
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body,
      });
      const answer = (await response.json()) as { message?: string };
      status.textContent = answer.message ?? 'Something went wrong. Please try again later.';
      status.dataset.state = response.ok ? 'done' : 'error';
      if (response.ok) form.reset();
    } catch {
      status.textContent = 'The request did not reach us. Check your connection and try again.';
      status.dataset.state = 'error';
    } finally {
      if (button) button.disabled = false;
    }
  });
}
