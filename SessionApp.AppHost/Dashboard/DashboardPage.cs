namespace SessionApp.AppHost.Dashboard;

/// <summary>The resources view: one static page that polls the JSON endpoint every second.</summary>
internal static class DashboardPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>SessionApp resources</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
          .Healthy { color: #137333; font-weight: 600; } .Starting, .Restarting { color: #b06000; }
          .Unhealthy, .Stopped { color: #c5221f; font-weight: 600; }
          pre { margin: 0; max-width: 60ch; max-height: 6em; overflow: auto; font-size: 12px; white-space: pre-wrap; }
          button { margin-right: .25rem; }
        </style>
        </head>
        <body>
        <h1>SessionApp resources</h1>
        <p id="status">loading…</p>
        <table>
          <thead><tr><th>Replica</th><th>State</th><th>PID</th><th>URL</th><th>Restarts</th><th>Last output</th><th></th></tr></thead>
          <tbody id="rows"></tbody>
        </table>
        <script>
        const rows = document.getElementById('rows');
        const text = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
        async function command(resource, index, name) {
          await fetch(`/api/resources/${encodeURIComponent(resource)}/${index}/${name}`, { method: 'POST', headers: { 'X-AppHost-Command': '1' } });
          refresh();
        }
        async function refresh() {
          try {
            const replicas = await (await fetch('/api/resources')).json();
            rows.innerHTML = replicas.map(r => `<tr>
              <td>${text(r.name)}</td><td class="${text(r.state)}">${text(r.state)}</td><td>${text(r.processId ?? '-')}</td>
              <td><a href="${text(r.url)}">${text(r.url)}</a></td><td>${r.restarts}</td>
              <td><pre>${text(r.recentOutput.slice(-5).join('\n'))}</pre></td>
              <td>${['stop', 'start', 'restart'].map(c => `<button onclick="command('${text(r.resource)}', ${r.index}, '${c}')">${c}</button>`).join('')}</td>
            </tr>`).join('');
            document.getElementById('status').textContent = 'updated ' + new Date().toLocaleTimeString();
          } catch (e) {
            document.getElementById('status').textContent = 'AppHost not reachable: ' + e;
          }
        }
        refresh();
        setInterval(refresh, 1000);
        </script>
        </body>
        </html>
        """;
}
