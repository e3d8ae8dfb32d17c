// The two services the tests start in-process, by the names the tests use for them.
global using ApiInstance = SessionApp.Tests.Infrastructure.ServiceInstance<SessionApp.Api.ApiAssembly>;
global using WebInstance = SessionApp.Tests.Infrastructure.ServiceInstance<SessionApp.Web.WebAssembly>;
