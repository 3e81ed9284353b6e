#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/* libmicrohttpd's start and info functions are C-variadic, which Swift cannot call.
   These helpers give them fixed signatures. */

static inline struct MHD_Daemon *clawb_mhd_start(unsigned int flags,
                                                 MHD_AccessHandlerCallback handler,
                                                 void *handler_cls,
                                                 const struct MHD_OptionItem *options) {
    return MHD_start_daemon(flags, 0, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

static inline uint16_t clawb_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// Writes the client's IP address as text into `out`; returns 0 on success.
static inline int clawb_mhd_client_address(struct MHD_Connection *connection, char *out, size_t out_size) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return -1;
    const struct sockaddr *addr = info->client_addr;
    if (addr->sa_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)addr;
        return inet_ntop(AF_INET, &v4->sin_addr, out, (socklen_t)out_size) == NULL ? -1 : 0;
    }
    if (addr->sa_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)addr;
        return inet_ntop(AF_INET6, &v6->sin6_addr, out, (socklen_t)out_size) == NULL ? -1 : 0;
    }
    return -1;
}

/// A sockaddr_in for `host:port` (IPv4 dotted quad); returns 0 on success.
static inline int clawb_make_ipv4_address(const char *host, uint16_t port, struct sockaddr_in *out) {
    out->sin_family = AF_INET;
    out->sin_port = htons(port);
    return inet_pton(AF_INET, host, &out->sin_addr) == 1 ? 0 : -1;
}

/// Connections the daemon holds open right now.
static inline unsigned int clawb_mhd_current_connections(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? 0 : info->num_connections;
}
