Console.WriteLine("SessionApp.AppHost: the topology arrives with its own issue.");
