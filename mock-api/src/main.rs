//! `mock-api`: run the ModelArts stand-in from the command line until Ctrl-C.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use mock_api::{Options, Server};

const USAGE: &str = "\
Usage: mock-api [OPTIONS]

Local stand-in for ModelArts' visualization-jobs API under /v1/{project_id}/:
  GET    visualization-jobs                 list
  POST   visualization-jobs                 create
  GET    visualization-jobs/{job_id}        detail
  PUT    visualization-jobs/{job_id}        edit the description
  DELETE visualization-jobs/{job_id}        delete
  POST   visualization-jobs/{job_id}/stop   stop
  POST   visualization-jobs/{job_id}/restart
POST, PUT and DELETE need the header X-Requested-With: vizjobs (else 403).

Options:
  --port N               port on 127.0.0.1 (default 8081, 0 = any free port)
  --jobs N               number of demo jobs (default 150)
  --latency-ms N         delay before answering each API request (default 0)
  --action-step-ms N     length of each phase of stop, restart, create and delete
                         (default 3000)
  --require-token TOKEN  require this X-Auth-Token on every API request
  --static-dir DIR       serve DIR at / (index.html for unknown paths)
  --config-json FILE     serve FILE's contents at /config.json
  --help                 show this help";

struct Cli {
    port: u16,
    options: Options,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Cli>, String> {
    let mut cli = Cli {
        port: 8081,
        options: Options::default(),
    };
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => cli.port = parse_number(&flag, &value()?)?,
            "--jobs" => cli.options.job_count = parse_number(&flag, &value()?)?,
            "--latency-ms" => {
                cli.options.latency = Duration::from_millis(parse_number(&flag, &value()?)?)
            }
            "--action-step-ms" => {
                cli.options.action_step = Duration::from_millis(parse_number(&flag, &value()?)?)
            }
            "--require-token" => cli.options.required_token = Some(value()?),
            "--static-dir" => cli.options.static_dir = Some(PathBuf::from(value()?)),
            "--config-json" => {
                let path = value()?;
                let body = std::fs::read_to_string(&path)
                    .map_err(|error| format!("cannot read {path}: {error}"))?;
                cli.options.config_json = Some(body);
            }
            _ => return Err(format!("unknown argument {flag:?}")),
        }
    }
    Ok(Some(cli))
}

fn parse_number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} needs a non-negative integer, got {text:?}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match parse_args(std::env::args().skip(1)) {
        Ok(Some(cli)) => cli,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("mock-api: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let static_dir = cli.options.static_dir.clone();
    let server = match Server::start(cli.options, cli.port).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("mock-api: cannot listen on 127.0.0.1:{}: {error}", cli.port);
            return ExitCode::FAILURE;
        }
    };
    println!("mock-api listening on {}", server.url());
    if let Some(dir) = static_dir {
        println!("serving static files from {}", dir.display());
    }

    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("mock-api: cannot wait for Ctrl-C: {error}");
    }
    println!("mock-api shutting down");
    // Don't wait for idle keep-alive connections a browser may hold open.
    drop(server);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Cli>, String> {
        parse_args(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let cli = parse(&[]).unwrap().unwrap();
        assert_eq!((cli.port, cli.options.job_count), (8081, 150));
        assert_eq!(cli.options.action_step, Duration::from_secs(3));

        let cli = parse(&[
            "--port",
            "0",
            "--jobs",
            "30",
            "--latency-ms",
            "250",
            "--action-step-ms",
            "400",
            "--require-token",
            "tok",
            "--static-dir",
            "dist",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(cli.port, 0);
        assert_eq!(cli.options.job_count, 30);
        assert_eq!(cli.options.latency, Duration::from_millis(250));
        assert_eq!(cli.options.action_step, Duration::from_millis(400));
        assert_eq!(cli.options.required_token.as_deref(), Some("tok"));
        assert_eq!(cli.options.static_dir, Some(PathBuf::from("dist")));
    }

    #[test]
    fn help_and_mistakes() {
        assert!(parse(&["--help"]).unwrap().is_none());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "http"]).is_err());
        assert!(parse(&["--jobs", "-1"]).is_err());
        assert!(parse(&["--action-step-ms", "1.5"]).is_err());
        assert!(parse(&["--verbose"]).is_err());
        assert!(parse(&["--config-json", "/nonexistent/config.json"]).is_err());
    }
}
