// CrmFlow's host page for the Elsa Studio 3.8.2 custom elements.
// The Studio bundle has no login and never refreshes tokens, so this page signs the user in against
// CrmFlow's /elsa/api/identity endpoints, passes the access token to the elements and refreshes it
// before it expires. Everything is served by the CrmFlow host: no request leaves the machine.
(function () {
  'use strict';

  const storageKey = 'crmflow.studio.session';
  const apiBase = window.location.origin + '/elsa/api';
  const designerRoles = ['Administrator', 'FlowDesigner'];
  const roleClaims = ['role', 'roles', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];
  const view = document.body.dataset.view;
  const id = document.body.dataset.id;
  let refreshTimer = null;
  let studioLoaded = false;

  const views = {
    definitions: { tag: 'elsa-workflow-definition-list', nav: 'definitions' },
    editor: { tag: 'elsa-workflow-definition-editor', nav: 'definitions', idAttribute: 'definition-id' },
    instances: { tag: 'elsa-workflow-instance-list', nav: 'instances' },
    instance: { tag: 'elsa-workflow-instance-viewer', nav: 'instances', idAttribute: 'instance-id' },
  };

  const scripts = [
    '_content/BlazorMonaco/jsInterop.js',
    '_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js',
    '_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js',
    '_content/MudBlazor/MudBlazor.min.js',
    '_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js',
    '_content/Radzen.Blazor/Radzen.Blazor.js',
    '_framework/blazor.webassembly.js',
  ];

  function readSession() {
    try { return JSON.parse(sessionStorage.getItem(storageKey) || 'null'); } catch { return null; }
  }

  function writeSession(session) {
    if (session) { sessionStorage.setItem(storageKey, JSON.stringify(session)); } else { sessionStorage.removeItem(storageKey); }
  }

  function claimsOf(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch { return {}; }
  }

  function rolesOf(claims) {
    return roleClaims.flatMap(name => claims[name] === undefined ? [] : [].concat(claims[name]));
  }

  function elements() {
    return Array.from(document.querySelectorAll('[data-studio-element]'));
  }

  function applyToken(session) {
    for (const el of elements()) { el.setAttribute('access-token', session.accessToken); }
    const claims = claimsOf(session.accessToken);
    const name = claims.name || claims.unique_name || claims.sub || '';
    document.querySelector('.crmflow-user').textContent = name;
    document.querySelector('.crmflow-readonly').hidden = rolesOf(claims).some(r => designerRoles.includes(r));
    document.querySelector('.crmflow-signout').hidden = false;
    scheduleRefresh(session);
  }

  function scheduleRefresh(session) {
    clearTimeout(refreshTimer);
    const exp = claimsOf(session.accessToken).exp;
    if (!exp) { return; }
    const dueIn = Math.max(5000, exp * 1000 - Date.now() - 60000);
    refreshTimer = setTimeout(refresh, dueIn);
  }

  async function refresh() {
    const session = readSession();
    if (!session || !session.refreshToken) { showSignIn(); return; }
    try {
      const response = await fetch(apiBase + '/identity/refresh-token', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + session.refreshToken },
      });
      const body = response.ok ? await response.json() : null;
      if (!body || !body.isAuthenticated) { writeSession(null); showSignIn(); return; }
      const next = { accessToken: body.accessToken, refreshToken: body.refreshToken || session.refreshToken };
      writeSession(next);
      applyToken(next);
    } catch {
      refreshTimer = setTimeout(refresh, 15000);
    }
  }

  function showSignIn(message) {
    for (const el of elements()) { el.remove(); }
    const form = document.getElementById('studio-signin');
    form.hidden = false;
    const error = form.querySelector('.crmflow-error');
    error.hidden = !message;
    error.textContent = message || '';
    if (studioLoaded) { window.location.reload(); }
  }

  async function signIn(event) {
    event.preventDefault();
    const form = event.target;
    const response = await fetch(apiBase + '/identity/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.username.value, password: form.password.value }),
    });
    const body = response.ok ? await response.json() : null;
    if (!body || !body.isAuthenticated) { showSignIn('Wrong user name or password.'); return; }
    const session = { accessToken: body.accessToken, refreshToken: body.refreshToken };
    writeSession(session);
    form.hidden = true;
    start(session);
  }

  function loadScriptsInOrder(list) {
    return list.reduce((previous, src) => previous.then(() => new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = false;
      script.onload = resolve;
      script.onerror = () => reject(new Error('Could not load ' + src));
      document.body.appendChild(script);
    })), Promise.resolve());
  }

  async function wireCallbacks(el, tag) {
    await customElements.whenDefined(tag);
    if (tag === 'elsa-workflow-definition-list' || tag === 'elsa-workflow-instance-viewer') {
      el.editWorkflowDefinition = definitionId => { window.location.assign('/studio/definitions/' + encodeURIComponent(definitionId)); };
    }
    if (tag === 'elsa-workflow-instance-list') {
      el.viewWorkflowInstance = instanceId => { window.location.assign('/studio/instances/' + encodeURIComponent(instanceId)); };
    }
  }

  // The editor's "Run workflow" navigates client-side to workflows/instances/{id}/view; follow it to our viewer page.
  function followStudioNavigation() {
    const follow = () => {
      const match = window.location.pathname.match(/^\/studio\/workflows\/instances\/([^/]+)\/view$/);
      if (match) { window.location.replace('/studio/instances/' + match[1]); }
    };
    for (const method of ['pushState', 'replaceState']) {
      const original = history[method].bind(history);
      history[method] = function (...args) { const result = original(...args); follow(); return result; };
    }
    window.addEventListener('popstate', follow);
  }

  function start(session) {
    const spec = views[view] || views.definitions;
    const el = document.createElement(spec.tag);
    el.setAttribute('data-studio-element', '');
    el.setAttribute('remote-endpoint', apiBase);
    if (spec.idAttribute) { el.setAttribute(spec.idAttribute, id); }
    document.getElementById('studio-root').appendChild(el);
    applyToken(session);
    wireCallbacks(el, spec.tag);
    if (!studioLoaded) {
      studioLoaded = true;
      followStudioNavigation();
      loadScriptsInOrder(scripts).catch(error => {
        const bar = document.getElementById('blazor-error-ui');
        bar.firstChild.textContent = error.message + ' ';
        bar.style.display = 'block';
      });
    }
  }

  document.querySelectorAll('[data-nav]').forEach(a => {
    if (a.dataset.nav === (views[view] || views.definitions).nav) { a.setAttribute('aria-current', 'page'); }
  });
  document.getElementById('studio-signin').addEventListener('submit', signIn);
  document.querySelector('.crmflow-signout').addEventListener('click', () => {
    writeSession(null);
    window.location.assign(document.body.dataset.signedIn === 'true' ? '/' : '/studio');
  });

  // A web UI cookie session (the server marks the page) hands over a token pair without a second sign-in.
  async function tokenFromCookieSession() {
    if (document.body.dataset.signedIn !== 'true') { return null; }
    try {
      const response = await fetch('/api/auth/studio-token', { credentials: 'same-origin' });
      if (!response.ok) { return null; }
      const body = await response.json();
      return body && body.accessToken ? { accessToken: body.accessToken, refreshToken: body.refreshToken } : null;
    } catch { return null; }
  }

  const existing = readSession();
  if (existing && claimsOf(existing.accessToken).exp * 1000 > Date.now() + 5000) {
    start(existing);
  } else {
    tokenFromCookieSession().then(session => {
      if (session) {
        writeSession(session);
        start(session);
      } else if (existing && existing.refreshToken) {
        refresh().then(() => { const s = readSession(); if (s) { start(s); } });
      } else {
        showSignIn();
      }
    });
  }
})();
