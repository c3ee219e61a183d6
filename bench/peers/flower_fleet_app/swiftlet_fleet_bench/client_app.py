"""A ClientApp the app must declare; the benchmark's nodes are Swiftlet's, so it never runs."""

from flwr.clientapp import ClientApp

app = ClientApp()
