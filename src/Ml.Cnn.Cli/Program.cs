using Ml.Cnn.Cli;

return MlCnnCommand.Run(args, Console.Out, Console.Error);
