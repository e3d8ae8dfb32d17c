using SessionApp.AppHost;

// The topology itself is declared in SessionAppTopology.Build, which the end-to-end tests run too:
// sessions (Redis) ← api ×2 ← web ×2, and the gateway in front (/api/* → api, the rest → web).
var builder = DistributedApplication.CreateBuilder(args);
SessionAppTopology.Build(builder);
return await builder.Build().RunAsync();
