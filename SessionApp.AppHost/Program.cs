// The SessionApp system at a glance: the session store and the identity provider first, then the API, then the web
// front end, then the gateway that stands in for the AWS Application Load Balancer. The end-to-end tests run this
// very file (Aspire.Hosting.Testing), and the AWS publish step (publish-aws) turns the same model into the AWS stack,
// where MemoryDB stands in for `sessions` and Amazon Cognito for `identity`.
using SessionApp.ServiceDefaults.Health;

var builder = DistributedApplication.CreateBuilder(args);
builder.WithOtlpExportTimeout(TimeSpan.FromSeconds(1));
builder.WithStartupHealthPolling(interval: TimeSpan.FromMilliseconds(200), attemptTimeout: TimeSpan.FromSeconds(1), window: TimeSpan.FromSeconds(10));

var sessions = builder.AddRedisServer("sessions");
var identity = builder.AddIdentityProvider("identity");

var api = builder.AddProject<Projects.SessionApp_Api>("api")
    .WithoutHttpsCertificate()
    .WithReference(sessions)
    .WithSignIn(identity)
    .WaitFor(sessions)
    .WithHttpHealthCheck(HealthEndpoints.ReadinessPath)
    .WithReplicas(2);

var web = builder.AddProject<Projects.SessionApp_Web>("web")
    .WithoutHttpsCertificate()
    .WithReference(sessions)
    .WithReference(api)
    .WithSignIn(identity)
    .WaitFor(sessions)
    .WithHttpHealthCheck(HealthEndpoints.ReadinessPath)
    .WithReplicas(2);

var gateway = builder.AddProject<Projects.SessionApp_Gateway>("gateway")
    .WithoutHttpsCertificate()
    .WithRoute("/api/{**catch-all}", api)
    .WithRoute("/{**catch-all}", web)
    .WithHttpHealthCheck(HealthEndpoints.ReadinessPath)
    .WithExternalHttpEndpoints();

identity.WithClient("web", gateway);

builder.AddAwsPublishing();

builder.Build().Run();
