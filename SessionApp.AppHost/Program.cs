using SessionApp.AppHost;
using SessionApp.AppHost.Model;

// The SessionApp system at a glance: Redis first, then the API, then the web front end, then the gateway that
// stands in for the AWS Application Load Balancer. The end-to-end tests run this very file (TopologyTestHost).
var builder = DistributedApplication.CreateBuilder(args);

var sessions = builder.AddRedis("sessions");

var api = builder.AddProject("api", "../SessionApp.Api")
    .WithReference(sessions)
    .WithHttpHealthCheck("/health")
    .WithReplicas(builder.Options.Replicas);

var web = builder.AddProject("web", "../SessionApp.Web")
    .WithReference(sessions)
    .WithReference(api)
    .WithHttpHealthCheck("/health")
    .WithReplicas(builder.Options.Replicas);

builder.AddGateway("gateway")
    .WithRoute("/api/{**catch-all}", api)
    .WithRoute("/{**catch-all}", web);

return await builder.Build().RunAsync();
